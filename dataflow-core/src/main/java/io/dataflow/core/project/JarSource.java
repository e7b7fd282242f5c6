package io.dataflow.core.project;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A module's JAR asset.
 *
 * @param namespace the configured namespace, e.g. {@code scala-workflow}
 * @param file the built JAR (the shaded one when the module shades); {@code null} or missing when it is not built
 *     yet, which only listing allows
 * @param coordinates {@code groupId:artifactId:version}, recorded in the build's metadata; may be {@code null}
 */
public record JarSource(String namespace, Path file, String coordinates) {

    public JarSource {
        Objects.requireNonNull(namespace, "namespace");
        file = file == null ? null : file.toAbsolutePath().normalize();
    }
}
