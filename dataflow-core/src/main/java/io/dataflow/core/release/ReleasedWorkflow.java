package io.dataflow.core.release;

/**
 * The outcome of releasing one workflow.
 *
 * @param workflowId the registry id (branch-scoped off mainline)
 * @param sourcePath the workflow file relative to the repository root
 * @param version the new version, or the existing one when {@code unchanged}
 * @param unchanged the newest version already held the same rendered YAML, assets and files
 * @param activated this release's activation record names it (always for new versions; for an unchanged one
 *     only when it was not active, e.g. after a rollback or a failed release)
 */
public record ReleasedWorkflow(String workflowId, String sourcePath, int version, boolean unchanged, boolean activated) {

    /** The line a deploy prints: {@code DEPLOYED AS <id> version <n>} or {@code UNCHANGED <id> version <n>}. */
    public String summary() {
        return (unchanged ? "UNCHANGED " : "DEPLOYED AS ") + workflowId + " version " + version;
    }
}
