package io.dataflow.core.release;

/**
 * @param workflowId the registry id
 * @param previousVersion the version active before the rollback, {@code null} when none was
 * @param version the version active now
 * @param sequence the activation record written; when nothing changed, the record that activated {@code version}
 * @param changed {@code false} when the version was already active and nothing was written
 */
public record RollbackResult(String workflowId, Integer previousVersion, int version, long sequence, boolean changed) {

    public RollbackResult(String workflowId, Integer previousVersion, int version, long sequence) {
        this(workflowId, previousVersion, version, sequence, true);
    }

    public String summary() {
        if (!changed) {
            return workflowId + " version " + version + " is already active; nothing changed";
        }
        return "ROLLED BACK " + workflowId + " to version " + version
                + (previousVersion == null ? "" : " (was version " + previousVersion + ")");
    }

    /** The line {@code dataflow:rollback} prints. */
    public String line() {
        return changed ? summary() + " (activation record #" + sequence + ")." : summary() + ".";
    }
}
