package io.dataflow.core.workflow.bench;

import io.dataflow.core.identity.AssetId;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.registry.AssetBuild;
import io.dataflow.core.registry.AssetCatalog;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only catalog for the benchmark: 10,000 builds deployed through the real registry would take minutes
 * to set up, and reference resolution only needs the {@link AssetCatalog} view. Tests use the real registry.
 * Lookups are map reads, so that the benchmark measures the renderer rather than this stand-in.
 */
public final class InMemoryAssetCatalog implements AssetCatalog {

    public static final String REGISTRY = "s3://dataflow/";

    private final Map<String, AssetBuild> newestByLine = new HashMap<>();
    private final Map<String, AssetBuild> byLineAndNumber = new HashMap<>();
    private final Map<AssetId, AssetBuild> byId = new HashMap<>();
    private long clock = 1_700_000_000L;

    /** Adds a build whose bytes hash to {@code sha256}; builds added later are newer. */
    public AssetBuild add(String uuid, String sha256) {
        AssetId id = AssetId.parse(uuid);
        String key = id.objectKey(id.type().defaultExtension());
        AssetBuild build = new AssetBuild(id, key, REGISTRY + key, sha256, 42, Instant.ofEpochSecond(clock++),
                id.commit() + "0".repeat(32), id.branch());
        String line = lineKey(id.type(), id.namespace(), id.branch());
        newestByLine.merge(line, build, (known, added) -> added.id().build() > known.id().build() ? added : known);
        byLineAndNumber.putIfAbsent(line + "/" + id.build(), build);
        byId.put(id, build);
        return build;
    }

    public AssetBuild add(String uuid) {
        return add(uuid, "0".repeat(64));
    }

    @Override
    public Optional<AssetBuild> newest(AssetType type, String namespace, String branch) {
        return Optional.ofNullable(newestByLine.get(lineKey(type, namespace, branch)));
    }

    @Override
    public Optional<AssetBuild> build(AssetType type, String namespace, String branch, int build) {
        return Optional.ofNullable(byLineAndNumber.get(lineKey(type, namespace, branch) + "/" + build));
    }

    @Override
    public Optional<AssetBuild> find(AssetId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<AssetBuild> list(AssetType type, String namespace) {
        return byId.values().stream()
                .filter(b -> b.id().type() == type && b.id().namespace().equals(namespace))
                .sorted(Comparator.comparing(AssetBuild::createdAt).reversed())
                .toList();
    }

    private static String lineKey(AssetType type, String namespace, String branch) {
        return type.id() + "/" + namespace + "/" + branch;
    }
}
