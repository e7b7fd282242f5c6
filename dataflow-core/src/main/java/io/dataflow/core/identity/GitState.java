package io.dataflow.core.identity;

import io.dataflow.core.InvalidInputException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the engine needs to know about the project's git repository at deploy time.
 *
 * @param workTree root of the repository's work tree
 * @param owner repository owner from the origin URL (or the configured fallback)
 * @param repo repository name from the origin URL (or the configured fallback)
 * @param branch the original branch name, e.g. {@code feature/x.y}
 * @param commit the full HEAD commit id (40 hex digits)
 * @param dirty whether tracked files differ from HEAD
 * @param remoteUrl the origin URL with any credentials stripped, or {@code null} when there is no remote
 * @param mainBranch the mainline branch name (configured, or the remote's HEAD, else {@code main}/{@code master});
 *     {@code null} when it cannot be determined, which deploys refuse (see {@link #requireMainBranch()})
 */
public record GitState(
        Path workTree,
        String owner,
        String repo,
        String branch,
        String commit,
        boolean dirty,
        String remoteUrl,
        String mainBranch) {

    public GitState {
        Objects.requireNonNull(workTree, "workTree");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(commit, "commit");
    }

    /** Owner, branch and commit of a preview render outside a deployable repository. */
    public static final String PLACEHOLDER = "local";

    /**
     * A stand-in identity for rendering previews of a project that is not (yet) a deployable git repository:
     * owner and branch {@value #PLACEHOLDER}, the directory's name as repository, an all-zero commit.
     */
    public static GitState placeholder(Path workTree) {
        Path name = workTree.toAbsolutePath().normalize().getFileName();
        String repo = name == null ? PLACEHOLDER : BranchNames.sanitize(name.toString());
        return new GitState(workTree, PLACEHOLDER, repo, PLACEHOLDER, "0".repeat(40), false, null, PLACEHOLDER);
    }

    /** The branch as it appears in UUIDs and registry paths. */
    public String sanitizedBranch() {
        return BranchNames.sanitize(branch);
    }

    /** First 8 hex digits of the commit. */
    public String shortCommit() {
        return commit.substring(0, Math.min(8, commit.length()));
    }

    public boolean mainBranchKnown() {
        return mainBranch != null;
    }

    /**
     * The mainline branch.
     *
     * @throws InvalidInputException when it is unknown: whatever needs it must not guess, since a wrong guess could
     *     change what mainline runs
     */
    public String requireMainBranch() {
        if (mainBranch == null) {
            throw new InvalidInputException(unknownMainBranchMessage());
        }
        return mainBranch;
    }

    /**
     * Whether this state deploys as mainline.
     *
     * @throws InvalidInputException when the mainline is unknown
     */
    public boolean onMainBranch() {
        return branch.equals(requireMainBranch());
    }

    /** Why the mainline is unknown and how to set it: the first sentences of every such error and warning. */
    public String unknownMainBranchMessage() {
        return unknownMainBranchMessage(branch);
    }

    /**
     * {@link #unknownMainBranchMessage()} where no whole state could be read.
     *
     * @param branch the current branch, or {@code null} when unknown too
     */
    public static String unknownMainBranchMessage(String branch) {
        return "The mainline branch is unknown: dataflow.mainBranch is not set, this clone has no origin/HEAD, and "
                + "it has not exactly one of the branches " + String.join(" and ", GitStateReader.MAINLINE_CANDIDATES)
                + " (local or remote-tracking), as in a CI checkout that fetched only "
                + (branch == null ? "one branch" : "branch '" + branch + "'") + ". Dataflow does not guess the "
                + "mainline, because a wrong guess could change what mainline runs. Set it with "
                + "-Ddataflow.mainBranch=<branch> or <mainBranch>main</mainBranch> in the plugin configuration.";
    }

    /** The identity of build {@code build} of {@code namespace} deployed from this state. */
    public AssetId assetId(AssetType type, String namespace, int build) {
        return new AssetId(type, namespace, BranchNames.sanitize(owner), BranchNames.sanitize(repo),
                sanitizedBranch(), shortCommit(), build);
    }
}
