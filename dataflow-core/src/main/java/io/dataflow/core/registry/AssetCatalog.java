package io.dataflow.core.registry;

import io.dataflow.core.identity.AssetId;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.BranchNames;
import io.dataflow.core.identity.GitState;
import java.util.List;
import java.util.Optional;

/**
 * Read-only view of the builds a registry holds: what reference resolution needs. A namespace belongs to one
 * repository, so a line is found by (type, namespace, sanitised branch) within that repository's lines.
 */
public interface AssetCatalog {

    /** The newest visible build of {@code namespace} on {@code branch} (sanitised form), highest number first. */
    Optional<AssetBuild> newest(AssetType type, String namespace, String branch);

    /** Build number {@code build} of {@code namespace} on {@code branch}. */
    Optional<AssetBuild> build(AssetType type, String namespace, String branch, int build);

    /**
     * The newest visible build of one line, whoever owns the namespace: the build an unchanged deploy from that
     * repository and branch reuses.
     */
    default Optional<AssetBuild> newestOnLine(AssetType type, String namespace, String owner, String repo,
            String branch) {
        String line = BranchNames.sanitize(owner) + "/" + BranchNames.sanitize(repo) + "/" + branch;
        return list(type, namespace).stream()
                .filter(build -> (build.id().owner() + "/" + build.id().repo() + "/" + build.id().branch()).equals(line))
                .max(java.util.Comparator.comparingInt(build -> build.id().build()));
    }

    /**
     * What deploying bytes with {@code digest} from {@code git}'s line would do now ({@link AssetPlan#decide}). This
     * default knows only visible builds, so a new build is numbered after the newest visible one; a registry that
     * knows the numbers taken by deploys in progress answers with those.
     */
    default AssetPlan plan(AssetType type, String namespace, GitState git, FileDigest digest, String extension,
            boolean forceBuild) {
        Optional<AssetBuild> newest = newestOnLine(type, namespace, git.owner(), git.repo(), git.sanitizedBranch());
        return AssetPlan.decide(type, namespace, git, newest, newest.map(build -> build.id().build()).orElse(0), digest,
                extension, forceBuild);
    }

    /** Exactly that build, when visible. */
    Optional<AssetBuild> find(AssetId id);

    /** Every visible build of the namespace, line by line (owner, repository, branch), each newest first. */
    List<AssetBuild> list(AssetType type, String namespace);

    /** Whether {@code dataflow:gc} deleted the bytes of this listed build (its metadata and number stay). */
    default boolean collected(AssetBuild build) {
        return false;
    }
}
