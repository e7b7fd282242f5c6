package io.dataflow.contract.run;

import java.util.List;

/**
 * What the runner writes as {@code result.json} when a run ends. Read it rather than only the exit code: it says
 * which task failed and why, and {@code complete=false} tells a run cut short (for example a job that called
 * {@code System.exit} where the runner could not stop it) from a finished one.
 *
 * @param formatVersion contract version, {@value RunPlan#FORMAT_VERSION}
 * @param runId         from the plan
 * @param workflowId    from the plan
 * @param bundleDigest  from the plan
 * @param status        {@link TaskStatus#ofRun} of the tasks, or FAILED when the run could not start
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
        return tasks.stream().filter(task -> task.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No task '" + id + "' in the result of run " + runId));
    }
}
