package io.dataflow.contract.run;

import java.util.List;

/** How a task, and a run as a whole, ended. */
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

    /** The status of a run: FAILED if any task failed or was skipped, WARNED if any warned, else SUCCEEDED. */
    public static TaskStatus ofRun(List<TaskResult> tasks) {
        if (tasks.stream().anyMatch(task -> !task.status().letsDependantsRun())) {
            return FAILED;
        }
        return tasks.stream().anyMatch(task -> task.status() == WARNED) ? WARNED : SUCCEEDED;
    }
}
