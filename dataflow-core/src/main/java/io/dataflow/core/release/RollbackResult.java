package io.dataflow.core.release;

/**
 * @param workflowId the registry id
 * @param previousVersion the version active before the rollback, {@code null} when none was
 * @param version the version active now
 * @param sequence the activation record written
 */
public record RollbackResult(String workflowId, Integer previousVersion, int version, long sequence) {

    public String summary() {
        return "ROLLED BACK " + workflowId + " to version " + version
                + (previousVersion == null ? "" : " (was version " + previousVersion + ")");
    }
}
