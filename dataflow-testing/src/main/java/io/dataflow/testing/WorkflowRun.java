package io.dataflow.testing;

import io.dataflow.contract.run.AuditOutcome;
import io.dataflow.contract.run.RunPlan;
import io.dataflow.contract.run.RunResult;
import io.dataflow.contract.run.TaskResult;
import io.dataflow.contract.run.TaskStatus;
import io.dataflow.contract.sql.SqlParameters;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One finished run of a {@link WorkflowHarness}: the plan that ran, how every task ended (the runner's result, as
 * {@code dataflow:run} records it), and the session whose catalog holds what the run wrote.
 *
 * @param parameters the workflow's parameters as the run resolved them
 */
public record WorkflowRun(RunPlan plan, RunResult result, Map<String, String> parameters, SparkSession spark) {

    /** SUCCEEDED, WARNED (e.g. a non-blocking audit failed) or FAILED. */
    public TaskStatus status() {
        return result.status();
    }

    /** How the task with this id ended (WAP tasks with their audits). */
    public TaskResult task(String id) {
        return result.task(id);
    }

    /** Every audit of every WAP task, in the order they ran. */
    public List<AuditOutcome> audits() {
        return result.tasks().stream().flatMap(task -> task.audits().stream()).toList();
    }

    /** A table as the workflow names it, e.g. {@code ${TARGET_DB}.${TARGET_TABLE}}, parameters filled in. */
    public Dataset<Row> table(String name) {
        return spark.table(SqlParameters.substitute(name, parameters, "Table name " + name));
    }

    /**
     * This run, when no task failed or was skipped.
     *
     * @throws AssertionError naming each failed task with its error
     */
    public WorkflowRun requireNoFailedTask() {
        if (status() == TaskStatus.FAILED) {
            throw new AssertionError("Run " + plan.runId() + " of " + plan.workflowId() + " FAILED: "
                    + (result.error() != null ? result.error() + "; " : "")
                    + result.tasks().stream().filter(task -> !task.status().letsDependantsRun())
                            .map(task -> task.id() + " " + task.status() + ": " + task.error())
                            .collect(Collectors.joining("; ")));
        }
        return this;
    }
}
