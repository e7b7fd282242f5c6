package io.dataflow.core.project;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.maestro.MaestroClient;
import io.dataflow.core.maestro.MaestroExport;
import io.dataflow.core.maestro.MaestroExports;
import io.dataflow.core.maestro.MaestroOptions;
import io.dataflow.core.maestro.MaestroPublisher;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.release.ActivationListener;
import io.dataflow.core.release.ActivationRecord;
import io.dataflow.core.release.ReleasedWorkflow;
import io.dataflow.core.workflow.RenderResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Maestro part of verify and deploy. {@code mvn verify} writes every workflow's Maestro export next to its
 * rendered file and, with a Maestro URL, asks Maestro to validate it; {@code mvn deploy} with a URL checks the same
 * before anything is written, pushes and activates through the release's {@link ActivationListener}, and finally makes
 * Maestro run the versions that were active already.
 */
final class MaestroSteps {

    private final ObjectStore store;
    private final MaestroOptions options;
    private final GitState git;
    private final String deployer;
    private final DataflowLog log;

    MaestroSteps(ObjectStore store, ProjectOptions options, GitState git, DataflowLog log) {
        this.store = store;
        this.options = options.maestro();
        this.git = git;
        this.deployer = options.deployer();
        this.log = log;
    }

    /**
     * {@code mvn verify}: writes {@code <module>/target/dataflow/maestro/<id>.yaml} (and {@code .json} for a workflow
     * with a trigger) for every rendered workflow, then validates them with Maestro when a URL is configured. Without a
     * URL a workflow Maestro could not take is reported as a warning; with one it fails the build.
     */
    void verify(List<RenderedWorkflow> rendered) {
        List<Export> exports = convert(rendered.stream().map(workflow -> new WorkflowBuild.Rendering(
                workflow.displayPath(), workflow.result())).toList(), rendered, "Exporting Maestro Workflows:");
        validate(exports);
    }

    /**
     * {@code mvn deploy}, before the first write: every workflow must convert and (with a URL) Maestro must accept it,
     * or nothing is deployed.
     */
    void checkBeforeDeploy(List<WorkflowBuild.Rendering> renderings) {
        if (!options.pushes()) {
            return;
        }
        validate(convert(renderings, null, "Checking Scheduler Workflows for Maestro:"));
    }

    /** The release's listener: pushes and activates in Maestro before the registry's activation record. */
    ActivationListener listener() {
        return MaestroPublisher.listenerFor(store, options, deployer, log);
    }

    /**
     * After a release: versions that were active already (unchanged) are activated in Maestro too, pushed first when
     * Maestro never got them (for instance when the URL was configured after they were deployed).
     */
    void publishAlreadyActive(List<ReleasedWorkflow> released) {
        if (!options.pushes()) {
            return;
        }
        List<ActivationRecord.Entry> alreadyActive = released.stream().filter(workflow -> !workflow.activated())
                .map(workflow -> new ActivationRecord.Entry(workflow.workflowId(), workflow.version())).toList();
        if (!alreadyActive.isEmpty()) {
            new MaestroPublisher(store, options.mapping(), new MaestroClient(options.endpoint(), log), deployer, log)
                    .publish(alreadyActive, "deploy");
        }
    }

    private record Export(String displayPath, MaestroExport export) {}

    /**
     * @param written the rendered files, to write exports next to; {@code null} to write nothing
     */
    private List<Export> convert(List<WorkflowBuild.Rendering> renderings, List<RenderedWorkflow> written,
            String heading) {
        MaestroExports exports = new MaestroExports(store, options.mapping());
        Set<String> reactorIds = new LinkedHashSet<>();
        renderings.forEach(rendering -> reactorIds.add(rendering.result().workflowId()));
        log.info(heading);
        List<Export> converted = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (int i = 0; i < renderings.size(); i++) {
            WorkflowBuild.Rendering rendering = renderings.get(i);
            RenderResult result = rendering.result();
            try {
                MaestroExport export = exports.preview(result, DataflowProject.sourcePath(git, result.file()), git,
                        deployer, reactorIds);
                if (export.jsonProblem() != null) {
                    if (options.pushes()) {
                        throw new InvalidInputException(export.jsonProblem());
                    }
                    log.warn("-> " + rendering.displayPath() + "\u2026 YAML only (the JSON create request matters only"
                            + " for Maestro): " + export.jsonProblem());
                }
                converted.add(new Export(rendering.displayPath(), export));
                if (written != null) {
                    Path directory = written.get(i).renderedFile().getParent().resolve("maestro");
                    List<Path> files = export.writeTo(directory);
                    log.info("-> " + rendering.displayPath() + "\u2026 CREATED " + files.stream()
                            .map(file -> git.workTree().relativize(file).toString().replace('\\', '/'))
                            .reduce((a, b) -> a + ", " + b).orElse(""));
                } else {
                    log.info("-> " + rendering.displayPath() + "\u2026 " + export.maestroId());
                }
            } catch (InvalidInputException e) {
                refusals.add(e.getMessage());
                if (options.pushes()) {
                    log.warn("-> " + rendering.displayPath() + "\u2026 FAILED");
                } else {
                    log.warn("-> " + rendering.displayPath() + "\u2026 NOT EXPORTED (only matters for Maestro): "
                            + e.getMessage());
                }
            }
        }
        WorkflowBuild.summary(log, converted.size(), refusals.size());
        if (options.pushes() && !refusals.isEmpty()) {
            throw new InvalidInputException(String.join(System.lineSeparator(), refusals) + System.lineSeparator()
                    + "Maestro (dataflow.maestro.url) cannot take " + (refusals.size() == 1 ? "this workflow" : "these "
                    + refusals.size() + " workflows") + "; the registry was not changed.");
        }
        return converted;
    }

    /** Asks Maestro to validate every export (the YAML, and the JSON create request of a workflow with a trigger). */
    private void validate(List<Export> exports) {
        if (!options.pushes() || exports.isEmpty()) {
            return;
        }
        MaestroClient client = new MaestroClient(options.endpoint(), log);
        log.info("Validating Scheduler Workflows with Maestro at " + options.endpoint().url() + ":");
        List<String> refusals = new ArrayList<>();
        for (Export export : exports) {
            try {
                client.validateYaml(export.export());
                if (export.export().hasTrigger()) {
                    client.validateJson(export.export());
                }
                log.info("-> " + export.displayPath() + "\u2026 VALID");
            } catch (InvalidInputException e) {
                log.warn("-> " + export.displayPath() + "\u2026 INVALID: " + e.getMessage());
                refusals.add(e.getMessage());
            }
        }
        WorkflowBuild.summary(log, exports.size() - refusals.size(), refusals.size());
        if (!refusals.isEmpty()) {
            throw new InvalidInputException(String.join(System.lineSeparator(), refusals) + System.lineSeparator()
                    + "Fix the workflow" + (refusals.size() == 1 ? "" : "s") + " Maestro refused (see above); the"
                    + " registry was not changed.");
        }
    }
}
