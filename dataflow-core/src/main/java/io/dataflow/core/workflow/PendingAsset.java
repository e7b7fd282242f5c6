package io.dataflow.core.workflow;

import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.Namespaces;
import io.dataflow.core.registry.AssetRegistry;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An asset built in the current reactor but not deployed (verify mode). References to its namespace
 * resolve to the build it would become: the next number on the current branch, this file's bytes.
 *
 * @param file the freshly built artifact (jar, wheel, sql file)
 */
public record PendingAsset(AssetType type, String namespace, Path file) {

    public PendingAsset {
        Objects.requireNonNull(type, "type");
        Namespaces.validate(namespace, "a pending asset");
        Objects.requireNonNull(file, "file");
    }

    /** The extension its registry object will get, by the registry's own rule. */
    public String extension() {
        return AssetRegistry.extensionOf(type, file);
    }
}
