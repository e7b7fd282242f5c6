package io.dataflow.core.project;

import io.dataflow.core.sql.SqlAssetDeclaration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Maven module as the engine sees it. A module owns the files under {@code directory}, except those of its
 * sub-modules and of its build directory.
 *
 * @param name the module's name as users know it (its artifactId)
 * @param directory the module's base directory
 * @param pomFile the module's {@code pom.xml}; JAR assets are displayed by it
 * @param subModuleDirectories directories of the module's sub-modules (they own their own files)
 * @param buildDirectory the module's {@code target/}; rendered workflows go to {@code <buildDirectory>/dataflow/}
 * @param jar the module's JAR asset, or {@code null} when the module configures no namespace
 * @param pythonNamespaces Python package directory relative to the module ({@code hello_world}) to namespace;
 *     packages not listed are named after their directory
 * @param sqlAssets the SQL assets the module declares by path
 */
public record ModuleSources(String name, Path directory, Path pomFile, List<Path> subModuleDirectories,
        Path buildDirectory, JarSource jar, Map<String, String> pythonNamespaces,
        List<SqlAssetDeclaration> sqlAssets) {

    public ModuleSources {
        Objects.requireNonNull(name, "name");
        directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        pomFile = pomFile == null ? directory.resolve("pom.xml") : pomFile.toAbsolutePath().normalize();
        subModuleDirectories = subModuleDirectories == null ? List.of()
                : subModuleDirectories.stream().map(dir -> dir.toAbsolutePath().normalize()).toList();
        buildDirectory = buildDirectory == null ? directory.resolve("target")
                : buildDirectory.toAbsolutePath().normalize();
        pythonNamespaces = pythonNamespaces == null ? Map.of() : Map.copyOf(pythonNamespaces);
        sqlAssets = sqlAssets == null ? List.of() : List.copyOf(sqlAssets);
    }

    /** A module with no assets configured: it may still hold Python packages and workflows. */
    public static ModuleSources of(String name, Path directory) {
        return new ModuleSources(name, directory, null, List.of(), null, null, Map.of(), List.of());
    }

    public ModuleSources withJar(JarSource value) {
        return new ModuleSources(name, directory, pomFile, subModuleDirectories, buildDirectory, value,
                pythonNamespaces, sqlAssets);
    }

    public ModuleSources withSubModules(List<Path> value) {
        return new ModuleSources(name, directory, pomFile, value, buildDirectory, jar, pythonNamespaces, sqlAssets);
    }

    public ModuleSources withPythonNamespaces(Map<String, String> value) {
        return new ModuleSources(name, directory, pomFile, subModuleDirectories, buildDirectory, jar, value,
                sqlAssets);
    }

    public ModuleSources withSqlAssets(List<SqlAssetDeclaration> value) {
        return new ModuleSources(name, directory, pomFile, subModuleDirectories, buildDirectory, jar,
                pythonNamespaces, value);
    }

    /** Where rendered workflows and built wheels of this module go: {@code <buildDirectory>/dataflow}. */
    public Path outputDirectory() {
        return buildDirectory.resolve("dataflow");
    }
}
