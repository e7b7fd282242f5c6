package io.dataflow.core.python;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Which directories of a source tree are never part of a Python package's sources. */
final class SourceTrees {

    /** Build outputs and caches that tools write next to sources; never sources themselves. */
    private static final Set<String> GENERATED_DIRECTORY_NAMES =
            Set.of("target", "build", "dist", "__pycache__", "node_modules");

    private SourceTrees() {}

    static boolean isExcludedDirectory(Path directory) {
        String name = directory.getFileName() == null ? "" : directory.getFileName().toString();
        return name.startsWith(".")
                || GENERATED_DIRECTORY_NAMES.contains(name)
                || name.endsWith(".egg-info")
                // a virtualenv can have any name; pyvenv.cfg (PEP 405) is what marks it
                || Files.isRegularFile(directory.resolve("pyvenv.cfg"));
    }

    static boolean isPythonPackage(Path directory) {
        return Files.isRegularFile(directory.resolve("pyproject.toml"))
                || Files.isRegularFile(directory.resolve("setup.py"));
    }

    static String relative(Path root, Path directory) {
        String relative = root.relativize(directory).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
    }
}
