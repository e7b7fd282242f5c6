package io.dataflow.core.python;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.stream.Stream;

/** Which directories of a source tree are a Python package's sources, and copying them. */
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

    /** Copies the package's sources, leaving out build outputs, caches, virtualenvs and VCS directories. */
    static void copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(source) && SourceTrees.isExcludedDirectory(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                // a symbolic link to a file is copied as the file it points to, as pip would package it
                if (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file)) {
                    Files.copy(file, target.resolve(source.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteQuietly(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // a leftover temporary file is harmless; the build result is what matters
                }
            });
        } catch (IOException e) {
            // same as above
        }
    }
}
