package io.dataflow.core.registry;

import io.dataflow.core.identity.AssetId;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitState;
import java.util.Objects;
import java.util.Optional;

/**
 * What deploying one asset file would do now: reuse the newest build of its line (UNCHANGED), or store the next
 * build. Decided by {@link #decide} alone, which {@code dataflow:deploy}, {@code dataflow:plan} and the preview of
 * {@code dataflow:test} all use, so that they cannot disagree.
 *
 * @param id the reused build's identity, or the one a new build would get (the number a concurrent deploy may take
 *     first; the deploy then takes the next)
 * @param key the registry key of the build's bytes
 * @param digest sha256 and size of the file
 * @param reused the newest build of the line with the same bytes, or {@code null} when a new build is stored
 */
public record AssetPlan(AssetId id, String key, FileDigest digest, AssetBuild reused) {

    public AssetPlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(digest, "digest");
    }

    /** The bytes equal the line's newest build, which the deploy reuses and prints as {@code UNCHANGED}. */
    public boolean unchanged() {
        return reused != null;
    }

    /**
     * The one rule: bytes identical (sha256) to the newest visible build of the line reuse it, unless
     * {@code forceBuild}; anything else takes the number after the highest one taken on the line.
     *
     * @param newest the line's newest visible build
     * @param highestTaken the highest build number taken on the line (claimed, even when never made visible)
     * @param extension the stored object's extension ({@link AssetRegistry#extensionOf})
     */
    public static AssetPlan decide(AssetType type, String namespace, GitState git, Optional<AssetBuild> newest,
            int highestTaken, FileDigest digest, String extension, boolean forceBuild) {
        if (!forceBuild && newest.isPresent() && newest.get().sha256().equals(digest.sha256())) {
            return new AssetPlan(newest.get().id(), newest.get().key(), digest, newest.get());
        }
        AssetId next = git.assetId(type, namespace, highestTaken + 1);
        return new AssetPlan(next, next.objectKey(extension), digest, null);
    }
}
