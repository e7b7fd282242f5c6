package io.dataflow.core.release;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.BundleWriter;
import io.dataflow.core.bundle.BundledFile;
import io.dataflow.core.bundle.Manifest;
import io.dataflow.core.bundle.Sha256;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.registry.AssetBuild;
import io.dataflow.core.registry.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Releases workflow versions as immutable bundles and decides which version is active.
 *
 * <p>A release checks every candidate first (nothing is written when one is wrong), then stores one bundle per
 * changed workflow (each visible once its manifest exists) and finally appends ONE activation record naming
 * every version of the release: all of them become active together, or, when anything fails before that
 * record, none does. Versions left behind by a failed release stay visible in history as "never activated".
 */
public final class WorkflowReleases {

    private final ObjectStore store;
    private final DataflowLog log;
    private final WorkflowVersions versions;
    private final ActivationLog activations;
    private final BundleWriter bundles;
    private final ActivationListener listener;

    public WorkflowReleases(ObjectStore store, DataflowLog log) {
        this(store, log, ActivationListener.NONE);
    }

    /** @param listener told about every activation before its record is written (a scheduler push) */
    public WorkflowReleases(ObjectStore store, DataflowLog log, ActivationListener listener) {
        this.store = store;
        this.log = log;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.versions = new WorkflowVersions(store);
        this.activations = new ActivationLog(store);
        this.bundles = new BundleWriter(store);
    }

    /**
     * Releases every candidate: a new version for each changed one, then one activation record for all of them.
     * A candidate identical (rendered YAML and asset/file bytes) to its workflow's newest version reuses that
     * version; it is activated again only when it is not the active one.
     *
     * @return one entry per candidate, in order
     */
    public List<ReleasedWorkflow> release(List<WorkflowCandidate> candidates, ReleaseContext context) {
        Map<String, WorkflowCandidate> byId = checkCandidates(candidates, context.git());
        String releaseId = UUID.randomUUID().toString();
        ActivationState before = activations.read();
        List<ReleasedWorkflow> released = new ArrayList<>();
        for (Map.Entry<String, WorkflowCandidate> entry : byId.entrySet()) {
            released.add(releaseOne(entry.getKey(), entry.getValue(), context, releaseId, before));
        }
        List<ActivationRecord.Entry> toActivate = released.stream().filter(ReleasedWorkflow::activated)
                .map(workflow -> new ActivationRecord.Entry(workflow.workflowId(), workflow.version())).toList();
        if (!toActivate.isEmpty()) {
            listener.beforeActivation(ActivationKind.DEPLOY, toActivate);
            ActivationRecord record = activations.append(ActivationKind.DEPLOY, toActivate, context.now(),
                    context.deployer(), context.git().commit(), releaseId);
            log.info("Activated " + toActivate.size() + " workflow version(s) together (activation #"
                    + record.sequence() + ").");
        }
        for (ReleasedWorkflow workflow : released) {
            if (workflow.unchanged() && workflow.activated()) {
                log.warn(workflow.workflowId() + " version " + workflow.version()
                        + " is unchanged but was not active (a rollback or an interrupted deploy); it is active again.");
            }
        }
        return released;
    }

    /**
     * Makes an earlier version active again by appending a rollback record; nothing is rebuilt or copied.
     *
     * @param version the version to activate; {@code null} means the most recently active version older than
     *     the current one, so that repeated rollbacks step further back
     */
    public RollbackResult rollback(String workflowId, Integer version, String deployer, Instant now) {
        List<Integer> known = requireVersions(workflowId);
        ActivationState state = activations.read();
        Integer current = state.active(workflowId).orElse(null);
        int target = version != null ? requireVersion(workflowId, version, known) : previousVersion(workflowId, current, state);
        if (current != null && current == target) {
            throw new InvalidInputException("Version " + target + " of workflow " + workflowId + " is already active; "
                    + "nothing to roll back. Pick another version with dataflow.version (versions: " + join(known) + ").");
        }
        String commit = versions.manifest(workflowId, target).map(manifest -> manifest.git().commit()).orElse(null);
        listener.beforeActivation(ActivationKind.ROLLBACK, List.of(new ActivationRecord.Entry(workflowId, target)));
        ActivationRecord record = activations.append(ActivationKind.ROLLBACK,
                List.of(new ActivationRecord.Entry(workflowId, target)), now, deployer, commit,
                UUID.randomUUID().toString());
        return new RollbackResult(workflowId, current, target, record.sequence());
    }

    /** Every visible version of one workflow, newest first, with its activations. */
    public HistoryReport history(String workflowId) {
        List<Integer> known = requireVersions(workflowId);
        ActivationState state = activations.read();
        Integer active = state.active(workflowId).orElse(null);
        Map<Integer, List<HistoryReport.ActivationEntry>> activationsByVersion = state.events(workflowId).stream()
                .collect(Collectors.groupingBy(ActivationState.Event::version, Collectors.mapping(
                        event -> new HistoryReport.ActivationEntry(event.sequence(), event.kind(), event.time(),
                                event.deployer()), Collectors.toList())));
        List<HistoryReport.VersionEntry> entries = new ArrayList<>();
        for (int version : known) {
            Manifest manifest = requireManifest(workflowId, version);
            entries.add(new HistoryReport.VersionEntry(version, Integer.valueOf(version).equals(active),
                    manifest.createdAt(), manifest.deployer(), manifest.git().branch(), manifest.git().commit(),
                    manifest.git().dirty(), manifest.workflow().sha256(),
                    manifest.assets().stream().map(asset -> new HistoryReport.AssetEntry(asset.uuid(), asset.sha256(),
                            asset.size(), asset.registryLocation())).toList(),
                    manifest.files().stream().map(file -> new HistoryReport.FileEntry(file.path(), file.sha256(),
                            file.size())).toList(),
                    activationsByVersion.getOrDefault(version, List.of()),
                    manifest.picture() == null ? null : store.locationOf(manifest.picture().key())));
        }
        return new HistoryReport(workflowId, active, entries);
    }

    /** Every deployed workflow with its active and newest version. */
    public DeployedWorkflowsReport deployed() {
        ActivationState state = activations.read();
        List<DeployedWorkflowsReport.WorkflowEntry> entries = new ArrayList<>();
        versions.visibleByWorkflow().forEach((workflowId, visible) -> {
            WorkflowIds.Scoped scoped = WorkflowIds.parse(workflowId);
            Optional<ActivationState.Event> active = state.events(workflowId).stream().findFirst();
            entries.add(new DeployedWorkflowsReport.WorkflowEntry(workflowId, scoped.id(), scoped.branch(),
                    active.map(ActivationState.Event::version).orElse(null),
                    active.map(ActivationState.Event::time).orElse(null), visible.get(0)));
        });
        return new DeployedWorkflowsReport(entries);
    }

    /** The active version of a workflow; empty when none was ever activated or the workflow is unknown. */
    public Optional<Integer> activeVersion(String workflowId) {
        return activations.read().active(workflowId);
    }

    /** The manifest of one visible version. */
    public Optional<Manifest> manifest(String workflowId, int version) {
        return versions.manifest(workflowId, version);
    }

    private ReleasedWorkflow releaseOne(String workflowId, WorkflowCandidate candidate, ReleaseContext context,
            String releaseId, ActivationState before) {
        byte[] rendered = candidate.renderedYaml().getBytes(StandardCharsets.UTF_8);
        String fingerprint = Manifest.fingerprint(Sha256.of(rendered),
                uniqueAssets(candidate).stream().map(asset -> asset.id().format() + "=" + asset.sha256()).toList(),
                uniqueFiles(candidate).stream().map(file -> file.relativePath() + "=" + file.sha256()).toList());
        List<Integer> existing = versions.visible(workflowId);
        if (!existing.isEmpty()) {
            int newest = existing.get(0);
            if (requireManifest(workflowId, newest).fingerprint().equals(fingerprint)) {
                boolean inactive = !before.active(workflowId).equals(Optional.of(newest));
                return new ReleasedWorkflow(workflowId, candidate.sourcePath(), newest, true, inactive);
            }
        }
        int version = versions.claimNext(workflowId, releaseId, context.deployer(), context.now());
        byte[] picture = candidate.pictureSvg() == null ? null : candidate.pictureSvg().getBytes(StandardCharsets.UTF_8);
        Manifest manifest = manifest(workflowId, version, releaseId, candidate, rendered, picture, context);
        bundles.write(manifest, rendered, picture, uniqueFiles(candidate));
        log.debug("Stored bundle of " + workflowId + " version " + version + " under "
                + store.locationOf(BundleLayout.versionPrefix(workflowId, version)));
        return new ReleasedWorkflow(workflowId, candidate.sourcePath(), version, false, true);
    }

    private Manifest manifest(String workflowId, int version, String releaseId, WorkflowCandidate candidate,
            byte[] rendered, byte[] picture, ReleaseContext context) {
        GitState git = context.git();
        List<Manifest.Asset> assets = uniqueAssets(candidate).stream()
                .map(asset -> new Manifest.Asset(asset.id().format(), asset.key(), asset.location(),
                        BundleLayout.assetKey(workflowId, version, asset.id().format(), asset.key()), asset.sha256(),
                        asset.size()))
                .toList();
        List<Manifest.File> files = uniqueFiles(candidate).stream()
                .map(file -> new Manifest.File(file.relativePath(), file.key(),
                        BundleLayout.fileKey(workflowId, version, file.relativePath()), file.sha256(), file.size()))
                .toList();
        return new Manifest(Manifest.SCHEMA_VERSION, workflowId, version, releaseId, context.now(),
                context.deployer(), context.toolVersion(),
                new Manifest.Git(git.owner(), git.repo(), git.branch(), git.commit(), git.dirty(), git.remoteUrl()),
                new Manifest.Workflow(candidate.sourcePath(), BundleLayout.renderedKey(workflowId, version),
                        Sha256.of(rendered), rendered.length),
                assets, files, picture == null ? null
                        : new Manifest.Picture(BundleLayout.pictureKey(workflowId, version), Sha256.of(picture),
                                picture.length));
    }

    /**
     * Everything that can be wrong with the input is checked before the first write, so that bad input changes
     * nothing in the registry.
     */
    private Map<String, WorkflowCandidate> checkCandidates(List<WorkflowCandidate> candidates, GitState git) {
        Map<String, WorkflowCandidate> byId = new LinkedHashMap<>();
        for (WorkflowCandidate candidate : candidates) {
            String workflowId = WorkflowIds.scoped(
                    WorkflowIds.validate(candidate.workflowId(), candidate.sourcePath()), git);
            WorkflowCandidate clash = byId.putIfAbsent(workflowId, candidate);
            if (clash != null) {
                throw new InvalidInputException("Workflow id '" + candidate.workflowId() + "' is used by both "
                        + clash.sourcePath() + " and " + candidate.sourcePath()
                        + "; workflow ids must be unique: rename one of them.");
            }
            for (AssetBuild asset : candidate.assets()) {
                if (!store.exists(asset.key())) {
                    throw new EnvironmentException("Asset " + asset.id() + " referenced by " + candidate.sourcePath()
                            + " is missing from the registry at " + store.locationOf(asset.key())
                            + "; deploy the asset again.");
                }
            }
            for (BundledFile file : candidate.files()) {
                checkFile(candidate, file);
            }
        }
        return byId;
    }

    private static void checkFile(WorkflowCandidate candidate, BundledFile file) {
        String path = file.relativePath();
        boolean escapes = path.isEmpty() || path.startsWith("/") || path.contains("\\")
                || Arrays.stream(path.split("/", -1)).anyMatch(part -> part.isEmpty() || part.equals(".") || part.equals(".."));
        if (escapes) {
            throw new InvalidInputException("File '" + path + "' referenced by " + candidate.sourcePath()
                    + " is not a normalised path inside the repository; reference a file of this repository.");
        }
        if (!Files.isRegularFile(file.source())) {
            throw new InvalidInputException("File " + file.source() + " referenced by " + candidate.sourcePath()
                    + " does not exist; restore it or remove the $S3{} reference.");
        }
        if (!Sha256.of(file.source()).equals(file.sha256())) {
            throw new InvalidInputException("File " + file.source() + " referenced by " + candidate.sourcePath()
                    + " changed after the workflow was rendered; run the deploy again.");
        }
        String expectedKey = BundledFile.contentKey(file.sha256(), file.source().getFileName().toString());
        if (!file.key().equals(expectedKey)) {
            throw new IllegalArgumentException("Content key of " + path + " must be " + expectedKey + ", was " + file.key());
        }
    }

    private static List<AssetBuild> uniqueAssets(WorkflowCandidate candidate) {
        Set<String> seen = new HashSet<>();
        return candidate.assets().stream().filter(asset -> seen.add(asset.id().format()))
                .sorted(Comparator.comparing(asset -> asset.id().format())).toList();
    }

    private static List<BundledFile> uniqueFiles(WorkflowCandidate candidate) {
        Set<String> seen = new HashSet<>();
        return candidate.files().stream().filter(file -> seen.add(file.relativePath()))
                .sorted(Comparator.comparing(BundledFile::relativePath)).toList();
    }

    private int previousVersion(String workflowId, Integer current, ActivationState state) {
        if (current == null) {
            throw new InvalidInputException("Workflow " + workflowId + " has no active version, so there is no "
                    + "previous one; name the version to activate with dataflow.version.");
        }
        return state.events(workflowId).stream().map(ActivationState.Event::version).filter(v -> v < current)
                .findFirst().orElseThrow(() -> new InvalidInputException("Workflow " + workflowId + " has no version "
                        + "older than the active version " + current + " that was ever active; name the version to "
                        + "activate with dataflow.version."));
    }

    private List<Integer> requireVersions(String workflowId) {
        WorkflowIds.parse(workflowId);
        List<Integer> known = versions.visible(workflowId);
        if (known.isEmpty()) {
            List<String> ids = versions.workflowIds();
            throw new InvalidInputException("Unknown workflow '" + workflowId + "' in dataflow.workflow; "
                    + (ids.isEmpty() ? "the registry " + store.root() + " holds no workflow yet."
                            : "deployed workflows: " + String.join(", ", ids) + "."));
        }
        return known;
    }

    private static int requireVersion(String workflowId, int version, List<Integer> known) {
        if (!known.contains(version)) {
            throw new InvalidInputException("Workflow " + workflowId + " has no version " + version
                    + " (dataflow.version); its versions are " + join(known) + ".");
        }
        return version;
    }

    private Manifest requireManifest(String workflowId, int version) {
        return versions.manifest(workflowId, version).orElseThrow(() -> new EnvironmentException("Manifest of "
                + workflowId + " version " + version + " disappeared from " + store.root() + "; was it deleted by hand?"));
    }

    private static String join(List<Integer> versions) {
        return versions.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
