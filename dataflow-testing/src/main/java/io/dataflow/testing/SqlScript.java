package io.dataflow.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A SQL file as a workflow's Spark job runs it: {@code ${PARAM}} placeholders filled from the job's
 * parameters, then each {@code ;}-separated statement executed in order.
 *
 * @param text   the file content
 * @param source the file or resource, for messages
 */
public record SqlScript(String text, String source) {

    public static SqlScript load(Path file) {
        try {
            return new SqlScript(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read SQL file " + file, e);
        }
    }

    /** Reads a SQL file from the classpath, e.g. {@code "sql/write.sql"}. */
    public static SqlScript fromResource(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("SQL resource " + path + " is not on the classpath.");
            }
            return new SqlScript(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read SQL resource " + path, e);
        }
    }

    /** The text with every {@code ${PARAM}} replaced; fails naming each parameter without a value. */
    public String render(Map<String, String> params) {
        return Placeholders.substitute(text, params, "SQL file " + source);
    }

    /** The rendered statements, split on {@code ;} outside quotes and comments, blank ones dropped. */
    public List<String> statements(Map<String, String> params) {
        return split(render(params));
    }

    /**
     * Runs every statement and returns the result of the last one (empty for DDL and INSERT).
     *
     * @throws IllegalArgumentException when the file has no statement or a parameter has no value
     */
    public Dataset<Row> run(SparkSession spark, Map<String, String> params) {
        List<String> statements = statements(params);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("SQL file " + source + " has no statement to run.");
        }
        Dataset<Row> result = null;
        for (int i = 0; i < statements.size(); i++) {
            try {
                result = spark.sql(statements.get(i));
            } catch (Exception e) { // AnalysisException is checked, though Scala does not declare it
                throw new IllegalStateException("Statement " + (i + 1) + " of " + source + " failed: "
                        + MockTable.firstLine(e.getMessage()) + "\n" + statements.get(i), e);
            }
        }
        return result;
    }

    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = closingQuote(sql, i, c);
                current.append(sql, i, end);
                i = end;
            } else if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
                current.append(' ');
            } else if (c == ';') {
                addIfNotBlank(statements, current);
                current.setLength(0);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        addIfNotBlank(statements, current);
        return statements;
    }

    /** Index just after the quote that closes the one at {@code start}; backslash escapes as in Spark SQL. */
    private static int closingQuote(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static void addIfNotBlank(List<String> statements, StringBuilder statement) {
        String text = statement.toString().strip();
        if (!text.isEmpty()) {
            statements.add(text);
        }
    }
}
