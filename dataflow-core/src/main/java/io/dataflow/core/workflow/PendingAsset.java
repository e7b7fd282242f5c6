package io.dataflow.core.workflow;

import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.Namespaces;
import io.dataflow.core.registry.AssetPlan;
import io.dataflow.core.registry.AssetRegistry;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An asset built in the current reactor but not deployed (verify and plan). References to its namespace
 * resolve to the build it would become ({@link AssetPlan}): the line's newest build when the bytes are the same,
 * else the next number on the current branch, this file's bytes.
 *
 * @param file the freshly built artifact (jar, wheel, sql file)
 * @param plan what its deploy would do, when already decided (plan honours {@code forceBuild}); {@code null}: the
 *     resolver asks the catalog
 */
public record PendingAsset(AssetType type, String namespace, Path file, AssetPlan plan) {

    public PendingAsset {
        Objects.requireNonNull(type, "type");
        Namespaces.validate(namespace, "a pending asset");
        Objects.requireNonNull(file, "file");
    }

    /** A pending asset whose plan the resolver asks the catalog for. */
    public PendingAsset(AssetType type, String namespace, Path file) {
        this(type, namespace, file, null);
    }

    /** The extension its registry object will get, by the registry's own rule. */
    public String extension() {
        return AssetRegistry.extensionOf(type, file);
    }
}
