package io.dataflow.core.release;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.bundle.Manifest;
import io.dataflow.core.registry.ObjectStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Version numbers and manifests of workflows. A number is allocated by creating its claim key if absent (the
 * next number is tried when another release took it); a version is visible only once its manifest exists.
 * Numbers are claimed one after the other, so the newest is found by probing upwards from a version known to exist
 * (the highest one ever activated), without listing the workflow's versions.
 */
public final class WorkflowVersions {

    private static final int MAX_ATTEMPTS = 10_000;
    /** Claims above the known version checked one by one before the workflow's versions are listed instead. */
    private static final int PROBES = 8;

    private final ObjectStore store;

    public WorkflowVersions(ObjectStore store) {
        this.store = store;
    }

    /** Allocates the next version number of {@code workflowId}; never returns a number twice. */
    public int claimNext(String workflowId, String releaseId, String deployer, Instant time) {
        return claimNext(workflowId, newest(workflowId, 0).claimed(), releaseId, deployer, time, List.of());
    }

    /**
     * Allocates the first free version number above {@code claimed}, the highest number known to be claimed.
     *
     * @param uses the bytes keys of the asset builds and the shared file keys the version will copy: gc keeps them while the claim
     *     has no manifest (a deploy in flight)
     */
    int claimNext(String workflowId, int claimed, String releaseId, String deployer, Instant time, List<String> uses) {
        int version = claimed + 1;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++, version++) {
            byte[] claim = Json.bytes(new Claim(workflowId, version, releaseId, deployer, time, List.copyOf(uses)));
            if (store.createIfAbsent(BundleLayout.claimKey(workflowId, version), claim)) {
                return version;
            }
        }
        throw new EnvironmentException("Could not allocate a version of workflow " + workflowId + " after "
                + MAX_ATTEMPTS + " attempts; too many concurrent deploys. Try again.");
    }

    /**
     * The highest claimed number and the newest visible version of a workflow.
     *
     * @param known a version whose manifest exists (the highest version ever activated), or 0
     */
    Newest newest(String workflowId, int known) {
        int claimed = known;
        while (store.exists(BundleLayout.claimKey(workflowId, claimed + 1))) {
            claimed++;
            if (claimed - known > PROBES) {
                return listed(workflowId);
            }
        }
        for (int version = claimed; version > known; version--) {
            if (store.exists(BundleLayout.manifestKey(workflowId, version))) {
                return new Newest(claimed, Optional.of(version));
            }
        }
        return new Newest(claimed, known > 0 ? Optional.of(known) : Optional.empty());
    }

    private Newest listed(String workflowId) {
        List<BundleLayout.VersionFile> files = versionFiles(workflowId);
        int claimed = files.stream().mapToInt(BundleLayout.VersionFile::version).max().orElse(0);
        Optional<Integer> visible = files.stream().filter(BundleLayout.VersionFile::manifest)
                .map(BundleLayout.VersionFile::version).max(Comparator.naturalOrder());
        return new Newest(claimed, visible);
    }

    /**
     * @param claimed the highest claimed version number (0: none)
     * @param visible the highest version whose manifest exists
     */
    record Newest(int claimed, Optional<Integer> visible) {}

    /** Visible versions (manifest stored), newest first; lists every file of the workflow's versions. */
    public List<Integer> visible(String workflowId) {
        SortedSet<Integer> versions = new TreeSet<>(Comparator.reverseOrder());
        for (BundleLayout.VersionFile file : versionFiles(workflowId)) {
            if (file.manifest()) {
                versions.add(file.version());
            }
        }
        return List.copyOf(versions);
    }

    /**
     * The manifest of a version; empty when it is not visible.
     *
     * @throws EnvironmentException when it is damaged or newer than this tool understands
     */
    public Optional<Manifest> manifest(String workflowId, int version) {
        ManifestRead read = read(workflowId, version);
        if (read.damaged() != null) {
            boolean newer = read.damaged().problem().startsWith("schema version");
            throw new EnvironmentException("Manifest " + read.damaged().describe() + " of " + workflowId + " version "
                    + version + " cannot be used." + (newer ? "" : " Registry objects are never edited; restore it from"
                    + " a backup, or deploy again to create a new version."));
        }
        return Optional.ofNullable(read.manifest());
    }

    /**
     * A manifest, or why it cannot be used: the caller decides whether skipping it is safe.
     *
     * @param manifest {@code null} when absent or damaged
     * @param damaged {@code null} unless the manifest exists but cannot be used
     */
    record ManifestRead(Manifest manifest, DamagedRecord damaged) {}

    ManifestRead read(String workflowId, int version) {
        String key = BundleLayout.manifestKey(workflowId, version);
        Optional<byte[]> bytes = store.read(key);
        if (bytes.isEmpty()) {
            return new ManifestRead(null, null);
        }
        String problem;
        try {
            Manifest manifest = Json.read(bytes.get(), Manifest.class, store.locationOf(key));
            problem = manifest.schemaVersion() > Manifest.SCHEMA_VERSION
                    ? "schema version " + manifest.schemaVersion() + " is newer than this tool understands ("
                            + Manifest.SCHEMA_VERSION + "); upgrade the Dataflow plugin"
                    : manifest.version() != version || !workflowId.equals(manifest.workflowId())
                            ? "it describes " + manifest.workflowId() + " version " + manifest.version()
                    : manifest.workflow() == null || manifest.git() == null ? "workflow or git is missing"
                    : null;
            if (problem == null) {
                return new ManifestRead(manifest, null);
            }
        } catch (EnvironmentException e) {
            problem = "not a readable manifest: " + (e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException json
                    ? json.getOriginalMessage() : e.getMessage());
        }
        return new ManifestRead(null, new DamagedRecord(key, store.locationOf(key), problem));
    }

    /** Ids of every workflow with at least one visible version, sorted. */
    public List<String> workflowIds() {
        return List.copyOf(visibleByWorkflow().keySet());
    }

    /** Every workflow with at least one visible version, sorted by id, with its versions newest first (one listing). */
    public SortedMap<String, List<Integer>> visibleByWorkflow() {
        SortedMap<String, SortedSet<Integer>> found = new TreeMap<>();
        for (String key : store.list(BundleLayout.WORKFLOWS)) {
            BundleLayout.parse(key).filter(BundleLayout.VersionFile::manifest).ifPresent(file -> found
                    .computeIfAbsent(file.workflowId(), id -> new TreeSet<>(Comparator.reverseOrder()))
                    .add(file.version()));
        }
        SortedMap<String, List<Integer>> result = new TreeMap<>();
        found.forEach((id, versions) -> result.put(id, List.copyOf(versions)));
        return result;
    }

    private List<BundleLayout.VersionFile> versionFiles(String workflowId) {
        List<BundleLayout.VersionFile> files = new ArrayList<>();
        for (String key : store.list(BundleLayout.versionsPrefix(workflowId))) {
            BundleLayout.parse(key).filter(file -> file.workflowId().equals(workflowId)).ifPresent(files::add);
        }
        return files;
    }

    /**
     * The content of a claim key: who took the number. The nonce-like release id keeps every claim unique.
     *
     * @param uses bytes keys of the asset builds and keys of the shared files the version copies; {@code null} in
     *     claims of tools before gc
     */
    public record Claim(String workflowId, int version, String releaseId, String deployer, Instant time,
            List<String> uses) {}

    /** The claim of a version number, when it exists. */
    public static Optional<Claim> readClaim(ObjectStore store, String workflowId, int version) {
        String key = BundleLayout.claimKey(workflowId, version);
        return store.read(key).map(bytes -> Json.read(bytes, Claim.class, store.locationOf(key)));
    }
}
