package io.dataflow.testing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import scala.jdk.javaapi.CollectionConverters;

/**
 * Compares a DataFrame with the rows of an expected mock file. Columns are matched by name (their order
 * does not matter), types must be equal (nullability aside), rows are compared as a multiset unless order
 * is asked for. Floating-point values are compared to 12 significant digits, so sums that differ only by
 * rounding error match.
 */
public final class DataFrameAssertions {

    private static final MathContext FLOATING_POINT_PRECISION = new MathContext(12);

    private DataFrameAssertions() {
    }

    /** Fails with the {@link RowDiff#describe() diff} unless the DataFrame holds exactly the expected rows. */
    public static void assertMatches(Dataset<Row> actual, MockTable expected) {
        check(diff(actual, expected, false));
    }

    /** Like {@link #assertMatches} but rows must also come in the expected order. */
    public static void assertMatchesInOrder(Dataset<Row> actual, MockTable expected) {
        check(diff(actual, expected, true));
    }

    /** The differences, for tests that want to inspect them rather than fail. */
    public static RowDiff diff(Dataset<Row> actual, MockTable expected, boolean ordered) {
        List<String> schemaProblems = schemaProblems(actual.schema(), expected.schema());
        String source = expected.source();
        if (!schemaProblems.isEmpty()) {
            return new RowDiff(source, schemaProblems, List.of(), List.of());
        }
        String[] columns = expected.schema().fieldNames();
        Column[] projection = Arrays.stream(columns).map(functions::col).toArray(Column[]::new);
        List<List<Object>> actualRows = actual.select(projection).collectAsList().stream()
                .map(DataFrameAssertions::normalize).toList();
        List<List<Object>> expectedRows = expected.rows().stream().map(DataFrameAssertions::normalize).toList();
        return ordered
                ? orderedDiff(source, columns, actualRows, expectedRows)
                : multisetDiff(source, columns, actualRows, expectedRows);
    }

    private static void check(RowDiff diff) {
        if (!diff.matches()) {
            throw new AssertionError(diff.describe());
        }
    }

    private static List<String> schemaProblems(StructType actual, StructType expected) {
        Map<String, StructField> actualFields = new LinkedHashMap<>();
        for (StructField field : actual.fields()) {
            actualFields.put(field.name(), field);
        }
        List<String> problems = new ArrayList<>();
        for (StructField field : expected.fields()) {
            StructField found = actualFields.remove(field.name());
            String wanted = field.dataType().catalogString();
            if (found == null) {
                problems.add("missing column " + field.name() + " " + wanted);
            } else if (!found.dataType().catalogString().equals(wanted)) {
                problems.add("column " + field.name() + " is " + found.dataType().catalogString()
                        + ", expected " + wanted);
            }
        }
        actualFields.values().forEach(extra -> problems.add("unexpected column " + extra.name() + " "
                + extra.dataType().catalogString()));
        return problems;
    }

    private static RowDiff multisetDiff(String source, String[] columns, List<List<Object>> actual,
            List<List<Object>> expected) {
        Map<List<Object>, Integer> surplus = new HashMap<>();
        actual.forEach(row -> surplus.merge(row, 1, Integer::sum));
        List<String> missing = new ArrayList<>();
        for (List<Object> row : expected) {
            Integer count = surplus.get(row);
            if (count == null || count == 0) {
                missing.add(format(columns, row));
            } else {
                surplus.put(row, count - 1);
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (List<Object> row : actual) {
            Integer count = surplus.get(row);
            if (count != null && count > 0) {
                unexpected.add(format(columns, row));
                surplus.put(row, count - 1);
            }
        }
        return new RowDiff(source, List.of(), missing, unexpected);
    }

    private static RowDiff orderedDiff(String source, String[] columns, List<List<Object>> actual,
            List<List<Object>> expected) {
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (int i = 0; i < Math.max(actual.size(), expected.size()); i++) {
            List<Object> want = i < expected.size() ? expected.get(i) : null;
            List<Object> got = i < actual.size() ? actual.get(i) : null;
            if (want != null && want.equals(got)) {
                continue;
            }
            if (want != null) {
                missing.add("at position " + (i + 1) + ": " + format(columns, want));
            }
            if (got != null) {
                unexpected.add("at position " + (i + 1) + ": " + format(columns, got));
            }
        }
        return new RowDiff(source + " (in order)", List.of(), missing, unexpected);
    }

    private static String format(String[] columns, List<Object> row) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < columns.length; i++) {
            text.append(i == 0 ? "" : ", ").append(columns[i]).append('=').append(row.get(i));
        }
        return text.append('}').toString();
    }

    private static List<Object> normalize(Row row) {
        List<Object> values = new ArrayList<>(row.length());
        for (int i = 0; i < row.length(); i++) {
            values.add(normalize(row.get(i)));
        }
        return values;
    }

    /** One representation per value, whichever Java type Spark or the mock loader used for it. */
    private static Object normalize(Object value) {
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number)
                    ? new BigDecimal(number).round(FLOATING_POINT_PRECISION).stripTrailingZeros()
                    : number;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros();
        }
        if (value instanceof byte[] bytes) {
            return "0x" + java.util.HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Row nested) {
            return normalize(nested);
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            return CollectionConverters.asJava(seq).stream().map(DataFrameAssertions::normalize).toList();
        }
        if (value instanceof scala.collection.Map<?, ?> map) {
            return normalizeMap(CollectionConverters.asJava(map));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DataFrameAssertions::normalize).toList();
        }
        if (value instanceof Map<?, ?> map) {
            return normalizeMap(map);
        }
        return value;
    }

    private static Map<Object, Object> normalizeMap(Map<?, ?> map) {
        Map<Object, Object> normalized = new LinkedHashMap<>();
        map.forEach((key, entry) -> normalized.put(normalize(key), normalize(entry)));
        return normalized;
    }
}
