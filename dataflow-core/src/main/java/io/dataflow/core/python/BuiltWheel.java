package io.dataflow.core.python;

import java.nio.file.Path;

/**
 * A package's wheel, ready to deploy as a {@code whl} asset of the package's namespace.
 *
 * @param pythonPackage the package it was built from
 * @param wheel the wheel file
 */
public record BuiltWheel(PythonPackage pythonPackage, Path wheel) {}
