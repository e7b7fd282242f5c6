package io.dataflow.core.project;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.picture.DagPictures;
import io.dataflow.core.project.ProjectScan.Owned;
import io.dataflow.core.OutputFiles;
import io.dataflow.core.workflow.Problem;
import io.dataflow.core.workflow.ReferenceResolver;
import io.dataflow.core.workflow.RenderResult;
import io.dataflow.core.workflow.WorkflowDiscovery;
import io.dataflow.core.workflow.WorkflowRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every workflow of the reactor rendered with one resolver, with every problem of every file: the rendering
 * step shared by {@code dataflow:test} and both passes of {@code dataflow:deploy}.
 */
final class WorkflowBuild {

    /** How many problems the exception message repeats; all of them are logged. */
    private static final int PROBLEMS_IN_MESSAGE = 10;

    private final ProjectScan scan;
    private final List<Owned> workflows;
    private final List<RenderResult> results;
    private final Map<Path, List<Problem>> problemsByFile = new LinkedHashMap<>();

    private WorkflowBuild(ProjectScan scan, List<RenderResult> results) {
        this.scan = scan;
        this.workflows = scan.workflows();
        this.results = results;
        // The parser checks each id against Workflow.ID_PATTERN_TEXT, stricter than the registry's WorkflowIds.
        for (RenderResult result : results) {
            problemsByFile.put(result.file(), new ArrayList<>(result.problems()));
        }
        for (Problem duplicate : WorkflowDiscovery.duplicateIds(results)) {
            problemsByFile.computeIfAbsent(duplicate.file(), file -> new ArrayList<>()).add(duplicate);
        }
    }

    /**
     * Renders every workflow of the scan; never throws for problems in the files.
     *
     * @param untracked {@code WARN} for verify, {@code REFUSE} for deploy
     */
    static WorkflowBuild render(ProjectScan scan, ReferenceResolver resolver, Map<String, String> paramOverrides,
            WorkflowRenderer.Untracked untracked) {
        WorkflowRenderer renderer = new WorkflowRenderer(resolver, scan.workTree(), untracked);
        List<RenderResult> results = scan.workflows().stream()
                .map(owned -> renderer.render(owned.component().source(), paramOverrides))
                .toList();
        return new WorkflowBuild(scan, results);
    }

    /** The id of every workflow file that has one, with its display path, in reactor order. */
    Map<String, String> workflowIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            String id = results.get(i).workflowId();
            if (id != null) {
                ids.putIfAbsent(id, workflows.get(i).component().displayPath());
            }
        }
        return ids;
    }

    /** One rendered workflow and how the log names its file, e.g. {@code ./flows/main.sch.yaml}. */
    record Rendering(String displayPath, RenderResult result) {}

    /** Every workflow that rendered without problems, in reactor order; nothing is written. */
    List<Rendering> valid() {
        List<Rendering> valid = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (problemsByFile.get(results.get(i).file()).isEmpty()) {
                valid.add(new Rendering(workflows.get(i).component().displayPath(), results.get(i)));
            }
        }
        return valid;
    }

    List<Problem> problems() {
        return problemsByFile.values().stream().flatMap(List::stream).sorted(Problem.IN_FILE_ORDER).toList();
    }

    /**
     * Writes each valid workflow to {@code <module build dir>/dataflow/}, with its DAG picture beside it, and logs
     * the {@code Building Scheduler Workflows:} section.
     */
    List<RenderedWorkflow> write(DataflowLog log, DagPictures pictures) {
        log.info("Building Scheduler Workflows:");
        List<RenderedWorkflow> rendered = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            RenderResult result = results.get(i);
            Owned owned = workflows.get(i);
            String path = owned.component().displayPath();
            if (!problemsByFile.get(result.file()).isEmpty()) {
                log.info("-> " + path + "\u2026 FAILED");
                continue;
            }
            Path target = result.writeTo(owned.module().outputDirectory(),
                    WorkflowDiscovery.renderedFileName(owned.module().directory(), result.file()));
            log.info("-> " + path + "\u2026 CREATED " + scan.display(target));
            rendered.add(new RenderedWorkflow(path, target, result, drawPicture(pictures, owned, result)));
        }
        summary(log, rendered.size(), results.size() - rendered.size());
        return rendered;
    }

    /** Writes {@code <name>.svg} beside the rendered file; {@code null} when {@code pictures} draws nothing. */
    private static RenderedWorkflow.Picture drawPicture(DagPictures pictures, Owned owned, RenderResult result) {
        return pictures.svg(result.parsed().workflow()).map(svg -> new RenderedWorkflow.Picture(
                OutputFiles.writeAtomically(owned.module().outputDirectory(),
                        WorkflowDiscovery.pictureFileName(owned.module().directory(), result.file()), svg,
                        "the DAG picture"),
                svg)).orElse(null);
    }

    /**
     * Logs the {@code Testing Scheduler Workflows:} section: PASSED or FAILED per file, each problem and warning below
     * it.
     */
    void logTests(DataflowLog log) {
        log.info("Testing Scheduler Workflows:");
        int failed = 0;
        for (int i = 0; i < results.size(); i++) {
            List<Problem> problems = problemsByFile.get(results.get(i).file());
            String path = workflows.get(i).component().displayPath();
            if (problems.isEmpty()) {
                log.info("-> " + path + "\u2026 PASSED");
            } else {
                failed++;
                log.warn("-> " + path + "\u2026 FAILED");
                problems.forEach(problem -> log.warn("   " + problem.format()));
            }
            results.get(i).warnings().forEach(warning -> log.warn("   " + warning.format()));
        }
        summary(log, results.size() - failed, failed);
    }

    /**
     * @param consequence what the failure means for the user, e.g. {@code Nothing was deployed.}
     * @throws InvalidInputException counting every problem and repeating the first ones, when there is any
     */
    void requireValid(String consequence) {
        Optional<String> summary = problemSummary(consequence);
        if (summary.isPresent()) {
            throw new InvalidInputException(summary.get());
        }
    }

    /** The message of {@link #requireValid}, or empty when every workflow is valid. */
    Optional<String> problemSummary(String consequence) {
        List<Problem> problems = problems();
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        long files = problems.stream().map(Problem::file).distinct().count();
        String first = problems.stream().limit(PROBLEMS_IN_MESSAGE).map(p -> "  " + p.format())
                .collect(Collectors.joining(System.lineSeparator()));
        String more = problems.size() > PROBLEMS_IN_MESSAGE
                ? System.lineSeparator() + "  \u2026 and " + (problems.size() - PROBLEMS_IN_MESSAGE) + " more (see the log above)"
                : "";
        return Optional.of(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in "
                + files + " workflow file" + (files == 1 ? "" : "s") + "; fix each line below and run the build "
                + "again. " + consequence + System.lineSeparator() + first + more);
    }

    /** Overrides that no workflow declares as a parameter: most likely a typo in the pom. */
    Set<String> overridesNoWorkflowUses(Map<String, String> paramOverrides) {
        Set<String> unused = new HashSet<>(paramOverrides.keySet());
        results.forEach(result -> unused.retainAll(result.unusedOverrides()));
        return results.isEmpty() ? Set.of() : unused;
    }

    static void summary(DataflowLog log, int successful, int failed) {
        log.info("Summary: " + successful + " successful, " + failed + " failed.");
    }
}
