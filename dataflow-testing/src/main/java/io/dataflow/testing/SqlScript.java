package io.dataflow.testing;

import io.dataflow.contract.sql.MissingParametersException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A SQL file run the way a workflow's SQL job runs it: the same rules as the runner of {@code dataflow:run}
 * ({@link io.dataflow.contract.sql.SqlScript}: statements split at {@code ;} outside quotes and comments, comments
 * dropped, optimizer hints kept, {@code ${PARAM}} filled in from the parameters after splitting), then each
 * statement executed in order.
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

    /**
     * The statements as they run, every {@code ${PARAM}} filled in.
     *
     * @throws IllegalArgumentException naming each parameter without a value (before anything runs)
     */
    public List<String> statements(Map<String, String> params) {
        try {
            return io.dataflow.contract.sql.SqlScript.parse(text, "SQL file " + source).render(params).stream()
                    .map(io.dataflow.contract.sql.SqlScript.Statement::sql).toList();
        } catch (MissingParametersException e) {
            throw new IllegalArgumentException(e.getMessage() + " Pass " + String.join(", ", e.missing())
                    + " in the parameter map, as the workflow job's spark.parameters do.", e);
        }
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
}
