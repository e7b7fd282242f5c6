package io.dataflow.runner;

/** Outcome of one task in a run result. */
public enum TaskStatus {
    /** Ran and succeeded. */
    SUCCEEDED,
    /** Ran and succeeded, with warnings (for example a failed non-blocking audit); dependants still run. */
    WARNED,
    /** Ran and failed; see the task's {@code error}. Its dependants are skipped. */
    FAILED,
    /** Not run because a task it depends on (directly or not) failed, or the run was cut short. */
    SKIPPED;

    /** Whether tasks depending on a task with this status may run. */
    public boolean letsDependantsRun() {
        return this == SUCCEEDED || this == WARNED;
    }
}
