package io.dataflow.core.release;

/**
 * What a deploy would do with one workflow now: store a new version, or reuse a stored one, and whether it would
 * become active.
 *
 * @param fileId the id in the workflow file
 * @param workflowId the registry id, branch-scoped ({@code <id>@<branch>}) off mainline
 * @param sourcePath the workflow file relative to the repository root
 * @param version the new version's number (a concurrent deploy may take it first), or the reused version
 * @param newVersion a new version would be stored
 * @param activation what would happen to the active version
 * @param activeVersion the active version now, {@code null} when none is
 * @param activeRenderedYaml the rendered YAML of the active version's bundle, {@code null} when none is active
 */
public record WorkflowPlan(String fileId, String workflowId, String sourcePath, int version, boolean newVersion,
        Activation activation, Integer activeVersion, String activeRenderedYaml) {

    /** A deploy's decision about the active version. */
    public enum Activation {
        /** The version becomes active. */
        ACTIVATE,
        /** The version is active already. */
        NONE,
        /** The version is unchanged but a rollback replaced it: the active one stays (unless reactivated). */
        KEEP
    }
}
