package io.dataflow.core.python;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.Namespaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the Python packages a module owns: every directory under the module holding {@code pyproject.toml} or
 * {@code setup.py}, outside {@code target/}, the module's sub-modules, hidden directories, build outputs and
 * virtualenvs. A package's own sub-directories are part of it and are not searched further.
 */
public final class PythonPackageDiscovery {

    private PythonPackageDiscovery() {}

    /**
     * @param moduleDir the module directory
     * @param subModuleDirs directories of the module's sub-modules (they own their files); may be empty
     * @param configuredNamespaces package directory relative to the module ({@code hello_world}, {@code src/etl},
     *     {@code .} for the module itself) to namespace; packages not listed are named after their directory
     * @return the packages, sorted by relative path
     * @throws InvalidInputException a namespace is invalid or used twice, or a configured directory is no package
     */
    public static List<PythonPackage> discover(Path moduleDir, Collection<Path> subModuleDirs,
            Map<String, String> configuredNamespaces) {
        Path module = moduleDir.toAbsolutePath().normalize();
        Set<Path> subModules = new HashSet<>();
        subModuleDirs.forEach(dir -> subModules.add(module.resolve(dir).toAbsolutePath().normalize()));
        Map<String, String> configured = normalizeKeys(configuredNamespaces);

        List<Path> directories = findPackageDirectories(module, subModules);
        List<PythonPackage> packages = new ArrayList<>();
        Map<String, String> pathByNamespace = new HashMap<>();
        for (Path directory : directories) {
            String relative = SourceTrees.relative(module, directory);
            String namespace = configured.remove(relative);
            if (namespace != null) {
                Namespaces.validate(namespace, "the namespace configured for Python package '" + relative + "'");
            } else {
                namespace = directoryNamespace(directory, relative);
            }
            String clash = pathByNamespace.putIfAbsent(namespace, relative);
            if (clash != null) {
                throw new InvalidInputException("Python packages '" + clash + "' and '" + relative + "' in " + module
                        + " both have namespace '" + namespace + "'. Configure a distinct namespace for one of them.");
            }
            packages.add(new PythonPackage(namespace, directory, relative));
        }
        if (!configured.isEmpty()) {
            String path = configured.keySet().iterator().next();
            throw new InvalidInputException("A namespace is configured for Python package '" + path + "', but "
                    + module.resolve(path).normalize() + " holds no pyproject.toml or setup.py (or is excluded: "
                    + "target/, build/, dist/, hidden directories, virtualenvs and sub-modules are never packages)."
                    + " Fix the path (relative to " + module + ") or remove that entry. Packages found: "
                    + (packages.isEmpty() ? "none" : packages.stream().map(PythonPackage::relativePath).toList()) + ".");
        }
        return packages;
    }

    private static Map<String, String> normalizeKeys(Map<String, String> configuredNamespaces) {
        Map<String, String> normalized = new LinkedHashMap<>();
        configuredNamespaces.forEach((path, namespace) -> {
            String key = Path.of(path.replace('\\', '/')).normalize().toString().replace('\\', '/');
            normalized.put(key.isEmpty() ? "." : key, namespace);
        });
        return normalized;
    }

    private static String directoryNamespace(Path directory, String relative) {
        String name = directory.getFileName().toString();
        if (Namespaces.isValid(name)) {
            return name;
        }
        String suggestion = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-").replaceAll("^[-_]+", "");
        throw new InvalidInputException("Python package directory " + directory + " is named '" + name
                + "', which is not a valid namespace (a namespace must match " + Namespaces.PATTERN_TEXT + "). "
                + "Rename the directory or configure a namespace for package path '" + relative + "'"
                + (Namespaces.isValid(suggestion) ? ", e.g. '" + suggestion + "'" : "") + ".");
    }

    private static List<Path> findPackageDirectories(Path module, Set<Path> subModules) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(module, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(module) && (subModules.contains(dir) || SourceTrees.isExcludedDirectory(dir))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (SourceTrees.isPythonPackage(dir)) {
                        found.add(dir);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new EnvironmentException("Could not search " + module + " for Python packages: " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(Path::toString));
        return found;
    }
}
