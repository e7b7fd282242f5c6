package io.dataflow.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Runs the statements of a SQL file one after the other; the first failing statement fails the task. */
final class SqlTaskRunner {

    private static final int MAX_ROWS_SHOWN = 20;
    private static final Pattern QUERY = Pattern.compile(
            "^\\(*\\s*(SELECT|WITH|VALUES|TABLE|FROM|SHOW|DESCRIBE|DESC|EXPLAIN)\\b", Pattern.CASE_INSENSITIVE);

    void run(TaskSpec.Sql task, RunContext context) {
        Path file = context.resolve(task.file());
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TaskFailedException("Cannot read SQL file " + file + ": " + e);
        }
        List<SqlScript.Statement> statements = SqlScript.split(text);
        // Check every parameter first: a missing one must not leave the file half applied.
        List<String> sql = statements.stream()
                .map(statement -> SqlScript.substitute(statement.sql(), task.params(), file.toString(), statement.line()))
                .toList();
        for (int i = 0; i < statements.size(); i++) {
            try {
                Dataset<Row> output = context.sql(sql.get(i));
                if (isQuery(sql.get(i))) {
                    // Spark runs commands eagerly but queries lazily: show a query so that it runs and is seen.
                    output.show(MAX_ROWS_SHOWN, false);
                }
            } catch (Exception e) {
                throw new TaskFailedException("SQL file " + file + " statement " + (i + 1) + " of " + statements.size()
                        + " (line " + statements.get(i).line() + ") failed: " + Errors.describe(e), e);
            }
        }
        context.log.info("  " + statements.size() + " statement(s) from " + file.getFileName());
    }

    static boolean isQuery(String statement) {
        return QUERY.matcher(statement).find();
    }
}
