package io.dataflow.core.python;

import java.nio.file.Path;

/**
 * A Python asset found in a module: the directory holding {@code pyproject.toml} or {@code setup.py}.
 *
 * @param namespace the asset namespace (the directory name unless configured)
 * @param directory absolute, normalized package directory
 * @param relativePath the directory relative to its module, with {@code /} separators ({@code .} for the module itself)
 */
public record PythonPackage(String namespace, Path directory, String relativePath) {}
