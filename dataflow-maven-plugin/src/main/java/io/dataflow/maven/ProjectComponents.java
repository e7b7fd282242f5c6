package io.dataflow.maven;

import io.dataflow.core.EnvironmentException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.project.MavenProject;

/**
 * What the modules of a reactor hold, by the layout rule: every module owns the files under its own
 * directory, except {@code target/} and the directories of other modules.
 */
final class ProjectComponents {

    static final String WORKFLOW_SUFFIX = ".sch.yaml";

    private ProjectComponents() {}

    /** The modules that configure a {@code <namespace>} and build a JAR. */
    static List<MavenProject> jarAssets(List<MavenProject> reactor) {
        return reactor.stream()
                .filter(p -> "jar".equals(p.getPackaging()))
                .filter(p -> DataflowPlugin.configuredNamespace(p).isPresent())
                .toList();
    }

    /** Every {@code *.sch.yaml} file owned by {@code module}, sorted. */
    static List<Path> workflows(MavenProject module, List<MavenProject> reactor) {
        Path root = module.getBasedir().toPath().toAbsolutePath().normalize();
        Set<Path> otherModules = reactor.stream()
                .map(p -> p.getBasedir().toPath().toAbsolutePath().normalize())
                .filter(dir -> !dir.equals(root))
                .collect(Collectors.toSet());
        Path buildDir = Path.of(module.getBuild().getDirectory()).toAbsolutePath().normalize();
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean foreign = otherModules.contains(dir) || dir.equals(buildDir)
                            || (!dir.equals(root) && dir.getFileName().toString().startsWith("."))
                            || (!dir.equals(root) && Files.isRegularFile(dir.resolve("pom.xml")));
                    return foreign ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (file.getFileName().toString().endsWith(WORKFLOW_SUFFIX)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new EnvironmentException("Cannot list the files of " + root + ": " + e.getMessage(), e);
        }
        found.sort(null);
        return found;
    }
}
