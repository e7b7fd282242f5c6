package io.dataflow.core.registry;

import io.dataflow.core.identity.AssetId;
import io.dataflow.core.identity.AssetType;
import java.util.List;
import java.util.Optional;

/**
 * Read-only view of the builds a registry holds: what reference resolution needs. Namespaces are unique
 * across a registry, so a line is found by (type, namespace, sanitised branch).
 */
public interface AssetCatalog {

    /** The newest visible build of {@code namespace} on {@code branch} (sanitised form). */
    Optional<AssetBuild> newest(AssetType type, String namespace, String branch);

    /** Build number {@code build} of {@code namespace} on {@code branch}. */
    Optional<AssetBuild> build(AssetType type, String namespace, String branch, int build);

    /** Exactly that build, when visible. */
    Optional<AssetBuild> find(AssetId id);

    /** Every visible build of the namespace, newest first (by creation time, then build number). */
    List<AssetBuild> list(AssetType type, String namespace);
}
