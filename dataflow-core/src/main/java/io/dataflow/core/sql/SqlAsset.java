package io.dataflow.core.sql;

import java.nio.file.Path;

/**
 * A SQL file declared as an asset.
 *
 * @param namespace the asset namespace (the file's base name unless configured)
 * @param file absolute, normalized path of the file inside its module
 * @param relativePath the file relative to its module, with {@code /} separators
 */
public record SqlAsset(String namespace, Path file, String relativePath) {}
