package io.dataflow.core.run;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.registry.AssetDeployRequest;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ToolVersion;
import io.dataflow.core.release.ReleaseContext;
import io.dataflow.core.release.WorkflowCandidate;
import io.dataflow.core.release.WorkflowReleases;
import io.dataflow.core.workflow.PendingAsset;
import io.dataflow.core.workflow.ReferenceResolver;
import io.dataflow.core.workflow.RenderResult;
import io.dataflow.core.workflow.WorkflowDiscovery;
import io.dataflow.core.workflow.WorkflowRenderer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Releases the workflows of a working tree (a project directory as it is on disk, not a deployed version) into a
 * registry of the caller's own, so that {@link WorkflowRuns} plans them exactly as it plans deployed versions: the
 * same rendering, bundles, parameter resolution and expansion. Used by the test harness to run a sample's own
 * workflow in-process.
 *
 * <p>Every {@code *.sch.yaml} below the directory is rendered and released (subworkflows need their callees), its
 * {@code $S3{}} files shipped, its {@code ${dataflow.<type>.<namespace>}} references resolved to the given asset
 * files, all under a placeholder git identity (owner and branch {@value GitState#PLACEHOLDER}, so ids are never
 * branch-scoped). Never point it at a shared registry: those builds and versions are not what any commit made.
 */
public final class WorkingTreeRelease {

    private final ObjectStore store;
    private final Map<Path, String> workflowIdByFile;

    private WorkingTreeRelease(ObjectStore store, Map<Path, String> workflowIdByFile) {
        this.store = store;
        this.workflowIdByFile = workflowIdByFile;
    }

    /**
     * @param assets the files the workflows' {@code ${dataflow...}} references mean (a JAR of the classes under test)
     * @throws io.dataflow.core.workflow.WorkflowProblemsException when a workflow cannot be rendered; it lists every
     *     problem with its file and line (a reference to an asset not in {@code assets} among them)
     */
    public static WorkingTreeRelease release(Path directory, List<PendingAsset> assets, ObjectStore store,
            DataflowLog log) {
        Path root = directory.toAbsolutePath().normalize();
        GitState git = GitState.placeholder(root);
        AssetRegistry registry = new AssetRegistry(store, log);
        for (PendingAsset asset : assets) {
            registry.deploy(new AssetDeployRequest(asset.type(), asset.namespace(), git, asset.file(), null, false));
        }
        // Tracked-ness is not asked: nothing leaves the machine, and the harness runs without JGit.
        WorkflowRenderer renderer = new WorkflowRenderer(new ReferenceResolver(registry, List.of(), git, store::locationOf),
                root, WorkflowRenderer.Untracked.ALLOW);
        Map<Path, String> ids = new LinkedHashMap<>();
        List<WorkflowCandidate> candidates = new ArrayList<>();
        for (Path file : WorkflowDiscovery.find(root, List.of())) {
            RenderResult rendered = renderer.render(file).requireValid();
            ids.put(file, rendered.workflowId());
            candidates.add(new WorkflowCandidate(rendered.workflowId(), rendered.renderedText(),
                    root.relativize(file).toString().replace('\\', '/'), rendered.deployedBuilds(), rendered.files()));
        }
        if (!candidates.isEmpty()) {
            new WorkflowReleases(store, log).release(candidates,
                    new ReleaseContext(git, "working tree", Instant.now(), ToolVersion.current()));
        }
        return new WorkingTreeRelease(store, ids);
    }

    public ObjectStore store() {
        return store;
    }

    /**
     * The id of the workflow released from {@code file}, for {@link RunRequest#of(String)}.
     *
     * @throws InvalidInputException when the file is no workflow of the released directory
     */
    public String workflowId(Path file) {
        String id = workflowIdByFile.get(file.toAbsolutePath().normalize());
        if (id == null) {
            throw new InvalidInputException(file + " is not a workflow of the released directory; its workflows are "
                    + workflowIdByFile.keySet() + ".");
        }
        return id;
    }
}
