package io.dataflow.runner;

import java.util.List;

/**
 * What {@link SparkRunnerMain} writes as the result JSON. Read it rather than only the exit code: it
 * says which task failed and why, and {@code complete=false} tells a run cut short (for example a job
 * that called {@code System.exit} where the runner could not stop it) from a finished one.
 *
 * @param formatVersion contract version, currently {@value RunPlan#FORMAT_VERSION}
 * @param runId         from the plan
 * @param workflowId    from the plan
 * @param bundleDigest  from the plan
 * @param status        SUCCEEDED, WARNED (some task warned) or FAILED (a task failed or was skipped, or the run could not start)
 * @param complete      false when the JVM went down before every task had its final status
 * @param startedAt     ISO-8601 instant
 * @param endedAt       ISO-8601 instant
 * @param durationMs    wall-clock time of the whole run, Spark start included
 * @param sparkVersion  version of the Spark that ran the plan, null if it did not start
 * @param error         run-level failure (bad plan, Spark did not start), else null
 * @param tasks         one result per plan task, in plan order
 */
public record RunResult(int formatVersion, String runId, String workflowId, String bundleDigest, TaskStatus status,
        boolean complete, String startedAt, String endedAt, long durationMs, String sparkVersion, String error,
        List<TaskResult> tasks) {

    public RunResult {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /** The task result with this id. */
    public TaskResult task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No task '" + id + "' in the result of run " + runId));
    }

    /** FAILED if any task failed or was skipped, WARNED if any warned, else SUCCEEDED. */
    static TaskStatus overallStatus(List<TaskResult> tasks) {
        if (tasks.stream().anyMatch(t -> !t.status().letsDependantsRun())) {
            return TaskStatus.FAILED;
        }
        return tasks.stream().anyMatch(t -> t.status() == TaskStatus.WARNED) ? TaskStatus.WARNED : TaskStatus.SUCCEEDED;
    }
}
