package io.dataflow.core.workflow;

import java.nio.file.Path;

/**
 * A repository file referenced with {@code $S3{./path}}: shipped in the bundle, stored content-addressed.
 *
 * @param relativePath path from the repository root, '/'-separated
 * @param key registry key {@code files/<sha256>/<file name>}
 * @param location the rendered location of that key
 */
public record BundledFile(String relativePath, Path absolutePath, String sha256, long size, String key,
        String location) {}
