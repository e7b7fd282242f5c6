package io.dataflow.runner;

import io.dataflow.contract.mock.MockFile;
import io.dataflow.contract.mock.MockSample;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code dataflow:mock}: a sample of a real table as a YAML mock ({@link MockFile}) that the samples' tests load
 * through the harness. The sample is deterministic: the rows (after {@code where}) ordered by every column, nulls
 * first, then the first {@code rows} of them, so that the same table snapshot and arguments give the same file.
 * Values are written as the mock reader turns them back into exactly the same Spark values through the declared
 * schema: decimals, dates and times as text, numbers and booleans as YAML scalars, text quoted where YAML would
 * read it as something else.
 */
public final class MockExport {

    private MockExport() {}

    /** What the user got wrong (table, rows, where): said as it is, nothing written. */
    public static final class InvalidRequestException extends RuntimeException {
        InvalidRequestException(String message) {
            super(message);
        }
    }

    /** @param catalog the run's catalog ({@code local}) */
    public static MockFile export(SparkSession spark, String catalog, MockSample sample) {
        String name = inCatalog(sample, catalog);
        String where = sample.where();
        String qualified = catalog + "." + name;
        if (!spark.catalog().tableExists(qualified)) {
            throw new InvalidRequestException("Table " + name + " (dataflow.table) does not exist in catalog '" + catalog
                    + "' of the warehouse " + spark.conf().get("spark.sql.catalog." + catalog + ".warehouse")
                    + ". Give a table a run wrote, as db.table; the warehouse is set with -Ddataflow.warehouse.");
        }
        Dataset<Row> data = spark.table(qualified);
        StructType schema = data.schema();
        if (where != null && !where.isBlank()) {
            try {
                data = data.where(where);
            } catch (Exception e) { // Scala throws the checked AnalysisException (ParseException too) undeclared
                if (!(e instanceof AnalysisException analysis)) {
                    throw e;
                }
                throw new InvalidRequestException("dataflow.where '" + where + "' is not a valid filter of " + name
                        + ": " + analysis.getSimpleMessage().replaceFirst("\\.?\\s*$", ".") + " Write a Spark SQL condition on its columns ("
                        + String.join(", ", schema.fieldNames()) + "), e.g. -Ddataflow.where=\"" + schema.fieldNames()[0]
                        + " IS NOT NULL\".");
            }
        }
        Column[] order = Arrays.stream(schema.fields()).filter(field -> orderable(field.dataType()))
                .map(field -> functions.col("`" + field.name().replace("`", "``") + "`").asc_nulls_first())
                .toArray(Column[]::new);
        List<Row> sampled = data.orderBy(order).limit(sample.rows()).collectAsList();
        List<Map<String, Object>> values = new ArrayList<>();
        for (int i = 0; i < sampled.size(); i++) {
            Row row = sampled.get(i);
            Map<String, Object> mockRow = new LinkedHashMap<>();
            for (int c = 0; c < schema.fields().length; c++) {
                StructField field = schema.fields()[c];
                mockRow.put(field.name(), value(row.get(c), field.dataType(), name + " row " + (i + 1) + ", column '"
                        + field.name() + "'"));
            }
            values.add(mockRow);
        }
        // The table's DDL with a space after each comma, as hand-written mocks have it.
        String ddl = Arrays.stream(schema.fields()).map(StructField::toDDL).collect(Collectors.joining(", "));
        return new MockFile(name, ddl, values, qualified);
    }

    /** The first line of the mock: where it came from, so that the file explains itself and changes with the data. */
    public static String describe(SparkSession spark, String catalog, MockSample sample, MockFile mock) {
        String qualified = catalog + "." + inCatalog(sample, catalog);
        String snapshot;
        try {
            Snapshot current = Spark3Util.loadIcebergTable(spark, qualified).currentSnapshot();
            snapshot = current == null ? "no snapshot" : "snapshot " + current.snapshotId();
        } catch (Exception e) { // not an Iceberg table (Spark3Util declares ParseException, NoSuchTableException)
            snapshot = "not an Iceberg table";
        }
        return "Written by mvn dataflow:mock from " + qualified + " (" + snapshot + "): " + mock.rows().size()
                + " of at most " + sample.rows() + " rows" + (sample.where() == null ? "" : " where " + sample.where())
                + ", ordered by every column.";
    }

    private static String inCatalog(MockSample sample, String catalog) {
        try {
            return sample.inCatalog(catalog);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    /** Spark sorts every type except maps (and what contains them). */
    private static boolean orderable(DataType type) {
        if (type instanceof MapType) {
            return false;
        }
        if (type instanceof ArrayType array) {
            return orderable(array.elementType());
        }
        if (type instanceof StructType struct) {
            return Arrays.stream(struct.fields()).allMatch(field -> orderable(field.dataType()));
        }
        return true;
    }

    /** The YAML value the mock reader turns back into {@code value} through the column's type. */
    static Object value(Object value, DataType type, String where) {
        if (value == null) {
            return null;
        }
        if (type instanceof StringType) {
            return value.toString();
        }
        if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            return ((Number) value).intValue();
        }
        if (type instanceof LongType) {
            return ((Number) value).longValue();
        }
        if (type instanceof DoubleType || type instanceof FloatType) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                throw new InvalidRequestException(where + " is " + value + ", which a mock file cannot hold; leave"
                        + " such rows out with -Ddataflow.where.");
            }
            // A float's shortest text, so that 0.1f is written 0.1, not 0.10000000149011612.
            return type instanceof FloatType ? Double.valueOf(value.toString()) : number;
        }
        if (type instanceof DecimalType) {
            return ((BigDecimal) value).toPlainString(); // text: a YAML float would lose digits and scale
        }
        if (type instanceof BooleanType) {
            return value;
        }
        if (type instanceof DateType) {
            return (value instanceof Date date ? date.toLocalDate() : (LocalDate) value).toString();
        }
        if (type instanceof TimestampType) {
            return (value instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) value).toString();
        }
        if (type instanceof TimestampNTZType) {
            return ((LocalDateTime) value).toString();
        }
        if (type instanceof BinaryType) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap((byte[]) value)).toString();
            } catch (CharacterCodingException e) {
                throw new InvalidRequestException(where + " holds bytes that are not UTF-8 text, which a mock file"
                        + " cannot hold; leave such rows out with -Ddataflow.where.");
            }
        }
        if (type instanceof ArrayType array) {
            List<Object> elements = new ArrayList<>();
            for (Object element : elements(value)) {
                elements.add(value(element, array.elementType(), where));
            }
            return elements;
        }
        if (type instanceof MapType map) {
            Map<Object, Object> entries = new LinkedHashMap<>();
            Map<?, ?> source = value instanceof Map<?, ?> javaMap ? javaMap
                    : CollectionConverters.asJava((scala.collection.Map<?, ?>) value);
            source.forEach((key, entry) -> entries.put(value(key, map.keyType(), where),
                    value(entry, map.valueType(), where)));
            return entries;
        }
        if (type instanceof StructType struct) {
            Row row = (Row) value;
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < struct.fields().length; i++) {
                fields.put(struct.fields()[i].name(), value(row.get(i), struct.fields()[i].dataType(), where));
            }
            return fields;
        }
        throw new InvalidRequestException(where + " has type " + type.sql() + ", which mock files do not support;"
                + " select the table's other columns in a view, or leave the column out of the mock by hand.");
    }

    private static Iterable<?> elements(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        return CollectionConverters.asJava((scala.collection.Seq<?>) value);
    }
}
