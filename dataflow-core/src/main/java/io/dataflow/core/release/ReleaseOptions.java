package io.dataflow.core.release;

/**
 * Deliberate exceptions to the release rules, each named by a property the user sets on purpose.
 *
 * @param allowOutdated a mainline deploy may activate a commit that is an ancestor of the active version's commit
 *     (or whose relation to it this clone cannot tell) ({@code -Ddataflow.allowOutdated})
 * @param reactivate a deploy whose content equals a version that was rolled back from makes it active again
 *     ({@code -Ddataflow.reactivate})
 */
public record ReleaseOptions(boolean allowOutdated, boolean reactivate) {

    /** Neither exception: outdated deploys are refused, rollbacks stay in place. */
    public static final ReleaseOptions DEFAULTS = new ReleaseOptions(false, false);
}
