package io.dataflow.maven;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.Namespaces;
import io.dataflow.core.project.JarSource;
import io.dataflow.core.project.ModuleSources;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.project.MavenProject;

/** A Maven module as the engine sees it: the one place that maps a {@link MavenProject} onto {@link ModuleSources}. */
final class ModuleMapping {

    private ModuleMapping() {}

    /**
     * @throws InvalidInputException the namespace is invalid, or configured on a module that builds no JAR
     */
    static ModuleSources toSources(MavenProject project, ModuleSettings settings) {
        return new ModuleSources(project.getArtifactId(), project.getBasedir().toPath(),
                project.getFile() == null ? null : project.getFile().toPath(),
                subModuleDirectories(project), buildDirectory(project), jarSource(project, settings.namespace()),
                settings.pythonNamespaces(), settings.sqlAssets());
    }

    /**
     * The module's JAR asset: a JAR module with a {@code <namespace>}; its shaded JAR when maven-shade-plugin
     * attached one, else its main artifact ({@code null} file while not built).
     *
     * @return {@code null} when the module is no JAR asset
     */
    static JarSource jarSource(MavenProject project, String namespace) {
        if (namespace == null || namespace.isBlank()) {
            return null;
        }
        String valid = Namespaces.validate(namespace.trim(),
                project.getFile() + " (dataflow-maven-plugin parameter <namespace>)");
        if ("pom".equals(project.getPackaging())) {
            // A pom module's namespace names no JAR: such modules hold Python packages, SQL and workflows.
            return null;
        }
        if (!"jar".equals(project.getPackaging())) {
            throw new InvalidInputException("<namespace>" + valid + "</namespace> is configured in "
                    + project.getFile() + " but its packaging is '" + project.getPackaging()
                    + "': only JAR modules deploy as JAR assets. Remove <namespace> or use <packaging>jar</packaging>.");
        }
        File jar = shadedJar(project).orElseGet(() -> project.getArtifact() == null ? null : project.getArtifact().getFile());
        return new JarSource(valid, jar == null ? null : jar.toPath(),
                project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion());
    }

    /** The shaded JAR when maven-shade-plugin attached one ({@code shadedArtifactAttached}). */
    private static Optional<File> shadedJar(MavenProject project) {
        return project.getAttachedArtifacts().stream()
                .filter(a -> "jar".equals(a.getType()) && a.getClassifier() != null && a.getClassifier().contains("shaded"))
                .map(Artifact::getFile)
                .filter(file -> file != null && file.isFile())
                .findFirst();
    }

    /** The directories of the {@code <modules>} (a module entry may also name a pom file). */
    static List<Path> subModuleDirectories(MavenProject project) {
        Path directory = project.getBasedir().toPath();
        return project.getModules().stream()
                .map(module -> directory.resolve(module).normalize())
                .map(path -> path.getFileName() != null && path.getFileName().toString().endsWith(".xml")
                        ? path.getParent() : path)
                .toList();
    }

    private static Path buildDirectory(MavenProject project) {
        String directory = project.getBuild() == null ? null : project.getBuild().getDirectory();
        return directory == null ? null : Path.of(directory);
    }
}
