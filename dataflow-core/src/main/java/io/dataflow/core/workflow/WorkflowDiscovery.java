package io.dataflow.core.workflow;

import io.dataflow.core.EnvironmentException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Finds the workflow files a module owns and names their rendered outputs. */
public final class WorkflowDiscovery {

    public static final String SUFFIX = ".sch.yaml";
    public static final String RENDERED_SUFFIX = ".sch.rendered.yaml";
    public static final String PICTURE_SUFFIX = ".svg";

    private WorkflowDiscovery() {}

    /**
     * Every {@code *.sch.yaml} under {@code moduleDir}, sorted, except those in the module's {@code target/},
     * in hidden directories such as {@code .git}, and in {@code excludedDirs} (the sub-modules, which own
     * their own files).
     */
    public static List<Path> find(Path moduleDir, Collection<Path> excludedDirs) {
        Path root = moduleDir.toAbsolutePath().normalize();
        Set<Path> excluded = excludedDirs.stream().map(p -> p.toAbsolutePath().normalize()).collect(Collectors.toSet());
        excluded.add(root.resolve("target"));
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean hidden = !dir.equals(root) && dir.getFileName().toString().startsWith(".");
                    return hidden || excluded.contains(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && file.getFileName().toString().endsWith(SUFFIX)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new EnvironmentException("Cannot search " + root + " for workflow files: " + e, e);
        }
        found.sort(null);
        return found;
    }

    /**
     * The rendered file's name: the path below the module with '/' as '.', e.g. {@code main.sch.yaml} gives
     * {@code main.sch.rendered.yaml} and {@code backfill/daily.sch.yaml} gives {@code backfill.daily.sch.rendered.yaml}.
     */
    public static String renderedFileName(Path moduleDir, Path workflowFile) {
        return outputStem(moduleDir, workflowFile) + RENDERED_SUFFIX;
    }

    /**
     * The DAG picture's name, beside the rendered file: {@code main.sch.yaml} gives {@code main.svg} and
     * {@code backfill/daily.sch.yaml} gives {@code backfill.daily.svg}.
     */
    public static String pictureFileName(Path moduleDir, Path workflowFile) {
        return outputStem(moduleDir, workflowFile) + PICTURE_SUFFIX;
    }

    /** The path below the module without {@code .sch.yaml}, '/' as '.': what every output of a workflow is named by. */
    private static String outputStem(Path moduleDir, Path workflowFile) {
        Path relative = moduleDir.toAbsolutePath().normalize().relativize(workflowFile.toAbsolutePath().normalize());
        String name = relative.toString().replace('\\', '/');
        if (name.endsWith(SUFFIX)) {
            name = name.substring(0, name.length() - SUFFIX.length());
        }
        return name.replace('/', '.');
    }

    /** Problems for workflow ids used by more than one file of a build (they would overwrite each other). */
    public static List<Problem> duplicateIds(Collection<RenderResult> results) {
        List<Problem> problems = new ArrayList<>();
        java.util.Map<String, RenderResult> first = new java.util.HashMap<>();
        for (RenderResult result : results) {
            String id = result.workflowId();
            if (id == null) {
                continue;
            }
            RenderResult earlier = first.putIfAbsent(id, result);
            if (earlier != null) {
                SourcePosition at = result.parsed().workflow().position();
                problems.add(Problem.at(at, "workflow id '" + id + "' is also used by " + earlier.file()
                        + "; give each workflow its own id."));
            }
        }
        return problems;
    }
}
