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
 */
public final class WorkflowVersions {

    private static final int MAX_ATTEMPTS = 10_000;

    private final ObjectStore store;

    public WorkflowVersions(ObjectStore store) {
        this.store = store;
    }

    /** Allocates the next version number of {@code workflowId}; never returns a number twice. */
    public int claimNext(String workflowId, String releaseId, String deployer, Instant time) {
        int version = versionFiles(workflowId).stream().mapToInt(BundleLayout.VersionFile::version).max().orElse(0) + 1;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++, version++) {
            byte[] claim = Json.bytes(new Claim(workflowId, version, releaseId, deployer, time));
            if (store.createIfAbsent(BundleLayout.claimKey(workflowId, version), claim)) {
                return version;
            }
        }
        throw new EnvironmentException("Could not allocate a version of workflow " + workflowId + " after "
                + MAX_ATTEMPTS + " attempts; too many concurrent deploys. Try again.");
    }

    /** Visible versions (manifest stored), newest first. */
    public List<Integer> visible(String workflowId) {
        SortedSet<Integer> versions = new TreeSet<>(Comparator.reverseOrder());
        for (BundleLayout.VersionFile file : versionFiles(workflowId)) {
            if (file.manifest()) {
                versions.add(file.version());
            }
        }
        return List.copyOf(versions);
    }

    public Optional<Manifest> manifest(String workflowId, int version) {
        String key = BundleLayout.manifestKey(workflowId, version);
        return store.read(key).map(bytes -> {
            Manifest manifest = Json.read(bytes, Manifest.class, store.locationOf(key));
            if (manifest.schemaVersion() > Manifest.SCHEMA_VERSION) {
                throw new EnvironmentException("Manifest " + store.locationOf(key) + " has schema version "
                        + manifest.schemaVersion() + ", newer than this tool understands ("
                        + Manifest.SCHEMA_VERSION + "); upgrade the Dataflow plugin.");
            }
            return manifest;
        });
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

    /** The content of a claim key: who took the number. The nonce-like release id keeps every claim unique. */
    record Claim(String workflowId, int version, String releaseId, String deployer, Instant time) {}
}
