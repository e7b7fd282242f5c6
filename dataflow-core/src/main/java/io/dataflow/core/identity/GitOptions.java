package io.dataflow.core.identity;

import java.util.Map;

/**
 * What the user may tell {@link GitStateReader} when the repository alone does not say enough.
 *
 * @param branchOverride branch name to use instead of the checked-out one ({@code -Ddataflow.branch}); null = none
 * @param mainBranchOverride the mainline branch ({@code -Ddataflow.mainBranch}); null = detect
 * @param ownerFallback owner used when the repository has no {@code origin} remote; null = none
 * @param repoFallback repository name used when there is no {@code origin} remote; null = none
 * @param environment the process environment, read for CI branch variables when HEAD is detached
 */
public record GitOptions(
        String branchOverride,
        String mainBranchOverride,
        String ownerFallback,
        String repoFallback,
        Map<String, String> environment) {

    public GitOptions {
        branchOverride = blankToNull(branchOverride);
        mainBranchOverride = blankToNull(mainBranchOverride);
        ownerFallback = blankToNull(ownerFallback);
        repoFallback = blankToNull(repoFallback);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /** No overrides, no fallbacks, an empty environment: everything comes from the repository. */
    public static GitOptions none() {
        return new GitOptions(null, null, null, null, Map.of());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
