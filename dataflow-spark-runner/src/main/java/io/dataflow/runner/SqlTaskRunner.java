package io.dataflow.runner;

import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.sql.MissingParametersException;
import io.dataflow.contract.sql.SqlScript;
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

    void run(PlanTask.Sql task, RunContext context) {
        Path file = context.resolve(task.file());
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TaskFailedException("Cannot read SQL file " + file + ": " + e);
        }
        List<SqlScript.Statement> statements;
        try {
            // Every parameter is checked first: a missing one must not leave the file half applied.
            statements = SqlScript.parse(text, "SQL file " + file).render(task.params());
        } catch (MissingParametersException e) {
            throw new TaskFailedException(e.getMessage() + " Add " + String.join(", ", e.missing())
                    + " to the job's spark.parameters (values may use the workflow's params).");
        }
        for (int i = 0; i < statements.size(); i++) {
            try {
                Dataset<Row> output = context.sql(statements.get(i).sql());
                if (isQuery(statements.get(i).sql())) {
                    showRows(output, context.log);
                }
            } catch (Exception e) {
                throw new TaskFailedException("SQL file " + file + " statement " + (i + 1) + " of " + statements.size()
                        + " (line " + statements.get(i).line() + ") failed: " + Errors.describe(e), e);
            }
        }
        context.log.info("  " + statements.size() + " statement(s) from " + file.getFileName());
    }

    /**
     * Spark runs commands eagerly but queries lazily: a query is run here so that it runs and its rows are seen. A
     * statement without columns (a command such as {@code WITH … INSERT}, already run) or without rows prints
     * nothing: an empty table is noise in the run's output.
     */
    private static void showRows(Dataset<Row> output, RunLog log) {
        if (output.schema().isEmpty()) {
            return;
        }
        // One more row than shown, so that Spark's "only showing top N rows" still appears; the query runs once.
        List<Row> rows = output.limit(MAX_ROWS_SHOWN + 1).collectAsList();
        if (!rows.isEmpty()) {
            log.table(output.sparkSession().createDataFrame(rows, output.schema()), MAX_ROWS_SHOWN);
        }
    }

    static boolean isQuery(String statement) {
        return QUERY.matcher(statement).find();
    }
}
