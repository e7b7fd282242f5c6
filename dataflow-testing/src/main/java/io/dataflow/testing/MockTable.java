package io.dataflow.testing;

import io.dataflow.contract.mock.MockFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A small table described in YAML (the mock format of {@link MockFile}), typed by its Spark DDL schema:
 *
 * <pre>
 * table: ${SOURCE_DB}.source_table
 * schema: title_id INT, country_code STRING, view_hours DOUBLE, date DATE
 * rows:
 *   - {title_id: 1, country_code: US, view_hours: 10, date: 2024-01-01}
 * </pre>
 *
 * Every value goes through the declared column type, so {@code 10} in a DOUBLE column is {@code 10.0} and
 * {@code 2024-01-01} in a DATE column is a DATE (YAML's own guess of a type does not count). Columns a row leaves
 * out are null.
 *
 * @param name   the table name from {@code table:}, possibly with {@code ${PARAM}} placeholders; may be blank
 * @param schema the declared columns
 * @param rows   the typed rows, in file order
 * @param source where the mock came from, for messages
 */
public record MockTable(String name, StructType schema, List<Row> rows, String source) {

    public MockTable {
        rows = List.copyOf(rows);
    }

    /** Reads a mock file. */
    public static MockTable load(Path file) {
        return typed(MockFile.load(file));
    }

    /** Reads a mock file from the test classpath, e.g. {@code "mocks/source_table.yaml"}. */
    public static MockTable fromResource(String resource) {
        return typed(MockFile.fromResource(resource, Thread.currentThread().getContextClassLoader()));
    }

    /** Parses mock YAML text; {@code source} names it in error messages. */
    public static MockTable parse(String yaml, String source) {
        return typed(MockFile.parse(yaml, source));
    }

    /** The rows of a mock file typed by its schema. */
    static MockTable typed(MockFile mock) {
        StructType schema = schema(mock.schema(), mock.source());
        mock.requireDeclaredColumns(List.of(schema.fieldNames()));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < mock.rows().size(); i++) {
            Map<String, Object> values = mock.rows().get(i);
            Object[] typed = new Object[schema.fields().length];
            for (int column = 0; column < typed.length; column++) {
                StructField field = schema.fields()[column];
                typed[column] = MockValues.convert(values.get(field.name()), field, MockFile.rowName(mock.source(), i));
            }
            rows.add(RowFactory.create(typed));
        }
        return new MockTable(mock.table(), schema, rows, mock.source());
    }

    /** The rows as a DataFrame with exactly the declared schema. */
    public Dataset<Row> toDataFrame(SparkSession spark) {
        return spark.createDataFrame(rows, schema);
    }

    /**
     * Makes the mock readable under its {@code table:} name, with placeholders filled from {@code params}.
     *
     * @return the resolved name
     * @see #registerAs(SparkSession, String)
     */
    public String register(SparkSession spark, Map<String, String> params) {
        String resolved = MockFile.tableName(name, params, source);
        registerAs(spark, resolved);
        return resolved;
    }

    /**
     * Makes the mock readable under {@code tableName}. A plain name becomes a temporary view; a qualified
     * name ({@code db.table}) becomes a table of the session's current catalog, its database created when
     * missing, so SQL that reads {@code db.table} runs unchanged. An existing table of that name is replaced.
     */
    public void registerAs(SparkSession spark, String tableName) {
        Dataset<Row> frame = toDataFrame(spark);
        int lastDot = tableName.lastIndexOf('.');
        if (lastDot < 0) {
            frame.createOrReplaceTempView(tableName);
            return;
        }
        spark.sql("CREATE NAMESPACE IF NOT EXISTS " + tableName.substring(0, lastDot));
        spark.sql("DROP TABLE IF EXISTS " + tableName);
        try {
            frame.writeTo(tableName).create();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create mock table " + tableName + " from " + source, e);
        }
    }

    private static StructType schema(String ddl, String source) {
        try {
            return StructType.fromDDL(ddl);
        } catch (Exception e) { // Spark's ParseException is a checked exception Scala does not declare
            throw new IllegalArgumentException("Mock file " + source + " has a schema Spark cannot parse ("
                    + firstLine(e.getMessage()) + "); write it like 'title_id INT, country_code STRING, date DATE'.");
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
