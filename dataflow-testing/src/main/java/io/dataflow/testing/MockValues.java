package io.dataflow.testing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.RowFactory;
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
 * Converts what YAML made of a value into the Java value Spark expects for the declared column type.
 * YAML guesses types ({@code 10} is an Integer even in a DOUBLE column; dates stay text, see
 * {@link io.dataflow.contract.mock.MockFile}); the schema is the truth.
 */
final class MockValues {

    private MockValues() {
    }

    static Object convert(Object value, StructField field, String where) {
        if (value == null) {
            if (!field.nullable()) {
                throw new IllegalArgumentException(where + ": column '" + field.name()
                        + "' is declared NOT NULL but has no value; give it one or drop NOT NULL from the schema");
            }
            return null;
        }
        try {
            return convert(value, field.dataType(), where + ", column '" + field.name() + "'");
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw mismatch(value, field.dataType(), where + ", column '" + field.name() + "'");
        }
    }

    private static Object convert(Object value, DataType type, String where) {
        if (value == null) {
            return null;
        }
        if (type instanceof StringType) {
            return String.valueOf(value);
        }
        if (type instanceof IntegerType) {
            return wholeNumber(value, type, where).intValueExact();
        }
        if (type instanceof LongType) {
            return wholeNumber(value, type, where).longValueExact();
        }
        if (type instanceof ShortType) {
            return wholeNumber(value, type, where).shortValueExact();
        }
        if (type instanceof ByteType) {
            return wholeNumber(value, type, where).byteValueExact();
        }
        if (type instanceof DoubleType) {
            return decimal(value, type, where).doubleValue();
        }
        if (type instanceof FloatType) {
            return decimal(value, type, where).floatValue();
        }
        if (type instanceof DecimalType) {
            return decimal(value, type, where);
        }
        if (type instanceof BooleanType) {
            if (value instanceof Boolean b) {
                return b;
            }
            throw mismatch(value, type, where);
        }
        if (type instanceof DateType) {
            return LocalDate.parse(String.valueOf(value).strip());
        }
        if (type instanceof TimestampType) {
            return parseInstant(String.valueOf(value));
        }
        if (type instanceof TimestampNTZType) {
            return LocalDateTime.parse(String.valueOf(value).strip().replace(' ', 'T'));
        }
        if (type instanceof BinaryType) {
            if (value instanceof byte[] bytes) {
                return bytes;
            }
            return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        }
        if (type instanceof ArrayType array && value instanceof List<?> list) {
            List<Object> elements = new ArrayList<>();
            for (Object element : list) {
                elements.add(convert(element, array.elementType(), where));
            }
            return CollectionConverters.asScala(elements).toSeq(); // what Row.getList and Spark expect
        }
        if (type instanceof MapType map && value instanceof Map<?, ?> entries) {
            Map<Object, Object> converted = new LinkedHashMap<>();
            entries.forEach((k, v) -> converted.put(convert(k, map.keyType(), where),
                    convert(v, map.valueType(), where)));
            return CollectionConverters.asScala(converted);
        }
        if (type instanceof StructType struct && value instanceof Map<?, ?> fields) {
            Object[] values = new Object[struct.fields().length];
            for (int i = 0; i < values.length; i++) {
                StructField field = struct.fields()[i];
                values[i] = convert(fields.get(field.name()), field, where);
            }
            return RowFactory.create(values);
        }
        throw mismatch(value, type, where);
    }

    private static BigDecimal wholeNumber(Object value, DataType type, String where) {
        BigDecimal number = decimal(value, type, where);
        if (number.stripTrailingZeros().scale() > 0) {
            throw mismatch(value, type, where);
        }
        return number;
    }

    private static BigDecimal decimal(Object value, DataType type, String where) {
        if (value instanceof Number || value instanceof String) {
            return new BigDecimal(String.valueOf(value).trim());
        }
        throw mismatch(value, type, where);
    }

    private static Instant parseInstant(String text) {
        String iso = text.trim().replace(' ', 'T');
        return iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:\\d\\d$")
                ? Instant.parse(iso)
                : LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    }

    private static IllegalArgumentException mismatch(Object value, DataType type, String where) {
        return new IllegalArgumentException(where + ": value '" + value + "' is not a valid "
                + type.sql() + "; fix the value or the column type in 'schema:'");
    }
}
