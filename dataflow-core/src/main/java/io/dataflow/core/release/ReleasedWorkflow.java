package io.dataflow.core.release;

/**
 * The outcome of releasing one workflow.
 *
 * @param workflowId the registry id (branch-scoped off mainline)
 * @param sourcePath the workflow file relative to the repository root
 * @param version the new version, or the existing one when {@code unchanged}
 * @param unchanged an existing version (the newest, or the active one) already held the same rendered YAML, assets
 *     and files
 * @param activated this release's activation record names it (always for new versions; for an unchanged one only
 *     when it was never activated, e.g. after a failed release, or with {@code -Ddataflow.reactivate})
 * @param keptVersion the version that stays active although this release's content equals version {@code version}
 *     (a rollback made it active: a deploy never undoes a rollback); {@code null} otherwise
 */
public record ReleasedWorkflow(String workflowId, String sourcePath, int version, boolean unchanged, boolean activated,
        Integer keptVersion) {

    public ReleasedWorkflow(String workflowId, String sourcePath, int version, boolean unchanged, boolean activated) {
        this(workflowId, sourcePath, version, unchanged, activated, null);
    }

    /**
     * The line a deploy prints: {@code DEPLOYED AS <id> version <n>}, {@code UNCHANGED <id> version <n>}, or
     * {@code UNCHANGED <id> version <n> (version <k> stays active)}.
     */
    public String summary() {
        return (unchanged ? "UNCHANGED " : "DEPLOYED AS ") + workflowId + " version " + version
                + (keptVersion == null ? "" : " (version " + keptVersion + " stays active)");
    }
}
