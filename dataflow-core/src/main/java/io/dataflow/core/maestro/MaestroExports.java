package io.dataflow.core.maestro;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.BundleLocationIndex;
import io.dataflow.core.bundle.BundledFile;
import io.dataflow.core.bundle.Manifest;
import io.dataflow.core.bundle.Sha256;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.release.WorkflowIds;
import io.dataflow.core.release.WorkflowVersions;
import io.dataflow.core.workflow.ParsedWorkflow;
import io.dataflow.core.workflow.RenderResult;
import io.dataflow.core.workflow.ResolvedAsset;
import io.dataflow.core.workflow.WorkflowParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Maestro exports of workflow versions: of a released version, read from the registry alone
 * ({@code dataflow:export}, the push), or a preview of the version {@code mvn deploy} would release now
 * ({@code mvn verify}), with bundle locations of the version number it would get.
 */
public final class MaestroExports {

    private final ObjectStore store;
    private final MaestroMapping mapping;
    private final WorkflowVersions versions;

    public MaestroExports(ObjectStore store, MaestroMapping mapping) {
        this.store = store;
        this.mapping = mapping;
        this.versions = new WorkflowVersions(store);
    }

    /**
     * A released version, from its manifest and rendered workflow in the registry.
     *
     * @throws InvalidInputException the version does not exist, or Maestro could not take it (every reason listed)
     */
    public MaestroExport ofVersion(String workflowId, int version) {
        Manifest manifest = versions.manifest(workflowId, version).orElseThrow(() -> new InvalidInputException(
                "Workflow " + workflowId + " has no version " + version + " in " + store.root() + " (dataflow.version);"
                        + " 'mvn dataflow:history -Ddataflow.workflow=" + workflowId + "' lists its versions."));
        String manifestKey = BundleLayout.manifestKey(workflowId, version);
        String digest = Manifest.digestOf(store.read(manifestKey).orElseThrow(() -> missing(manifestKey)));
        String rendered = new String(store.read(manifest.workflow().key())
                .orElseThrow(() -> missing(manifest.workflow().key())), StandardCharsets.UTF_8);
        ParsedWorkflow parsed = parse(manifest.workflow().sourcePath(), rendered, workflowId + " version " + version);
        String branch = WorkflowIds.parse(workflowId).branch();
        return export(new MaestroSource(workflowId, version, digest, manifest.git().commit(), manifest.deployer(),
                manifest.workflow().sourcePath(), bundleLocation(workflowId, version), parsed.workflow(), parsed.document(),
                BundleLocationIndex.of(manifest, store), store::locationOf, subworkflowIds(branch, Set.of())));
    }

    /**
     * What {@code mvn deploy} would push for a workflow rendered now: the version it would release (the newest one
     * when nothing changed, else the next number) with that version's bundle locations.
     *
     * @param reactorWorkflowIds ids of every workflow of the build, so that a branch build points subworkflow steps at
     *     the branch's own versions of them
     */
    public MaestroExport preview(RenderResult rendered, String sourcePath, GitState git, String deployer,
            Set<String> reactorWorkflowIds) {
        String workflowId = WorkflowIds.scoped(rendered.workflowId(), git);
        byte[] text = rendered.renderedText().getBytes(StandardCharsets.UTF_8);
        List<String> assets = rendered.assets().stream().map(asset -> asset.id().format() + "=" + asset.sha256()).toList();
        List<String> files = rendered.files().stream().map(file -> file.relativePath() + "=" + file.sha256()).toList();
        List<Integer> visible = versions.visible(workflowId);
        Optional<Manifest> newest = visible.isEmpty() ? Optional.empty() : versions.manifest(workflowId, visible.get(0));
        boolean unchanged = newest.isPresent()
                && newest.get().fingerprint().equals(Manifest.fingerprint(Sha256.of(text), assets, files));
        int version = unchanged ? newest.get().version() : (visible.isEmpty() ? 0 : visible.get(0)) + 1;
        String digest = null;
        BundleLocationIndex locations;
        if (unchanged) {
            String manifestKey = BundleLayout.manifestKey(workflowId, version);
            digest = Manifest.digestOf(store.read(manifestKey).orElseThrow(() -> missing(manifestKey)));
            locations = BundleLocationIndex.of(newest.get(), store);
        } else {
            List<BundleLocationIndex.Entry> entries = new ArrayList<>();
            for (ResolvedAsset asset : rendered.assets()) {
                entries.add(new BundleLocationIndex.Entry(asset.key(), asset.location(),
                        BundleLayout.assetKey(workflowId, version, asset.id().format(), asset.key())));
            }
            for (BundledFile file : rendered.files()) {
                entries.add(new BundleLocationIndex.Entry(file.key(), null,
                        BundleLayout.fileKey(workflowId, version, file.relativePath())));
            }
            locations = new BundleLocationIndex(entries, store);
        }
        ParsedWorkflow parsed = parse(sourcePath, rendered.renderedText(), sourcePath);
        return export(new MaestroSource(workflowId, version, digest, git.commit(), deployer, sourcePath,
                bundleLocation(workflowId, version), parsed.workflow(), parsed.document(), locations, store::locationOf,
                subworkflowIds(WorkflowIds.parse(workflowId).branch(), reactorWorkflowIds)));
    }

    private MaestroExport export(MaestroSource source) {
        MaestroWorkflow workflow = new MaestroConverter(mapping).convert(source);
        List<String> comment = List.of("Maestro workflow " + workflow.id() + ": Dataflow workflow " + source.workflowId()
                + " version " + source.version() + (source.preview() ? " (preview: not released yet)" : "") + ".",
                "Generated by Dataflow for Maven from " + source.sourcePath() + "; edit that file, not this one.");
        String yaml = MaestroYaml.write(workflow, comment);
        String json = null;
        String jsonProblem = null;
        if (workflow.cron() != null) {
            try {
                json = MaestroJson.createRequest(workflow, mapping);
            } catch (InvalidInputException e) {
                jsonProblem = e.getMessage(); // the YAML stays useful; pushing and validating the JSON need the fix
            }
        }
        return new MaestroExport(source.workflowId(), source.version(), workflow.id(), source.bundleDigest(), yaml, json,
                jsonProblem);
    }

    /**
     * A subworkflow step names a workflow by its YAML id. A branch's version calls the same branch's version of it
     * when there is one (in this build or in the registry), else mainline's, as local runs do.
     */
    private UnaryOperator<String> subworkflowIds(String branch, Set<String> reactorWorkflowIds) {
        return id -> {
            if (id == null || id.isBlank()) {
                throw new InvalidInputException("the subworkflow names no workflow; add 'workflow: <id>'.");
            }
            String target = id.strip();
            if (branch != null && target.indexOf(WorkflowIds.BRANCH_SEPARATOR) < 0) {
                String scoped = target + WorkflowIds.BRANCH_SEPARATOR + branch;
                if (reactorWorkflowIds.contains(target) || !versions.visible(scoped).isEmpty()) {
                    target = scoped;
                }
            }
            return MaestroIds.workflowId(target);
        };
    }

    private String bundleLocation(String workflowId, int version) {
        return store.locationOf(BundleLayout.versionPrefix(workflowId, version));
    }

    private static ParsedWorkflow parse(String sourcePath, String rendered, String what) {
        ParsedWorkflow parsed = WorkflowParser.parse(Path.of(sourcePath), rendered);
        if (parsed.workflow() == null || !parsed.valid()) {
            throw new EnvironmentException("The rendered workflow of " + what + " does not parse: "
                    + parsed.problems() + "; was the registry edited by hand?");
        }
        return parsed;
    }

    private EnvironmentException missing(String key) {
        return new EnvironmentException("Registry object " + store.locationOf(key) + " is missing; was the registry"
                + " edited by hand?");
    }
}
