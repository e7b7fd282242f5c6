package io.dataflow.core.gc;

import io.dataflow.core.DataflowException;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.BundledFile;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.bundle.Manifest;
import io.dataflow.core.registry.AssetBuild;
import io.dataflow.core.registry.AssetKeys;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.DamagedRecordException;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.StoredObject;
import io.dataflow.core.release.ActivationState;
import io.dataflow.core.release.WorkflowReleases;
import io.dataflow.core.release.WorkflowVersions;
import io.dataflow.core.run.RunRecord;
import io.dataflow.core.run.RunRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reference-aware garbage collection ({@code dataflow:gc}). Keeps every version that is active, among the newest
 * {@code keep} of its workflow, pinned, used by a run in the last {@code runDays} days or younger than the grace
 * period; every asset build and shared {@code $S3{}} file such a version refers to (the rendered YAML points at the
 * asset lines and shared files, the bundle holds copies: both are kept); the newest build of every line (an unchanged
 * deploy reuses it); everything younger than the grace period; and everything an unfinished deploy's version claim
 * lists. The rest loses its bytes; claims, metadata, manifests and activation records stay, so numbers are never
 * handed out twice, and a tombstone under {@code gc/collected/} says when the bytes went.
 *
 * <p>Applying writes an intent naming everything it is about to delete, plans again from a fresh read of the whole
 * registry (activations, pins, runs, claims of deploys in flight) and deletes only what both plans collect; see
 * {@link GcRecords} for why a concurrent deploy either is seen or sees the intent.
 */
public final class GarbageCollector {

    /** A version claim without manifest younger than this (by the wall clock) is a deploy in flight. */
    public static final Duration IN_FLIGHT = Duration.ofDays(1);

    private final ObjectStore store;
    private final DataflowLog log;
    private final GcRecords records;

    public GarbageCollector(ObjectStore store, DataflowLog log) {
        this.store = Objects.requireNonNull(store, "store");
        this.log = Objects.requireNonNull(log, "log");
        this.records = new GcRecords(store);
    }

    /** Plans and, with {@code options.apply()}, collects; returns what it kept and collected and why. */
    public GcReport run(GcOptions options) {
        Plan plan = plan(options);
        if (!options.apply() || plan.toCollect().isEmpty()) {
            return plan.report(store.root(), options, false, List.of());
        }
        String gcRun = UUID.randomUUID().toString();
        GcRecords.Intent intent = records.writeIntent(gcRun, Instant.now(), options.by(),
                plan.toCollect().stream().map(GcReport.Item::record).toList());
        try {
            // The second plan sees every claim, activation, pin and run written before the intent existed.
            Plan again = plan(options);
            Map<String, GcReport.Item> stillUnused = again.toCollect().stream()
                    .collect(Collectors.toMap(GcReport.Item::record, Function.identity(), (a, b) -> a));
            List<GcReport.Item> collected = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            for (GcReport.Item item : plan.toCollect()) {
                GcReport.Item current = stillUnused.get(item.record());
                if (current == null) {
                    changed.add(item.record());
                    continue;
                }
                collect(current, gcRun, options);
                collected.add(current.withAction(GcReport.Action.COLLECTED));
            }
            return again.report(store.root(), options, true, collected).withChangedWhileRunning(changed);
        } finally {
            records.deleteIntent(intent);
        }
    }

    private void collect(GcReport.Item item, String gcRun, GcOptions options) {
        if (item.kind() != GcReport.Kind.FILE && !item.finishing()) {
            records.writeTombstone(new GcRecords.Tombstone(item.record(), options.now(), options.by(), gcRun,
                    item.deletes(), item.bytes(), UUID.randomUUID().toString()));
        }
        for (String key : item.deletes()) {
            store.delete(key);
        }
        if (item.kind() == GcReport.Kind.BUILD && item.sha256() != null) {
            // The content index must not send later deploys to bytes that are gone; the next deploy of them re-creates it.
            String indexKey = AssetKeys.CONTENT_INDEX + item.sha256();
            Optional<String> target = store.read(indexKey).map(bytes -> new String(bytes, StandardCharsets.UTF_8).trim());
            if (target.isPresent() && item.deletes().contains(target.get())) {
                store.delete(indexKey);
            }
        }
        log.debug("Collected " + item.name() + " (" + item.bytes() + " bytes).");
    }

    // ---- planning

    /** Everything gc decided, from one read of the registry. */
    private record Plan(List<GcReport.Item> items, int collectedBefore) {

        List<GcReport.Item> toCollect() {
            return items.stream().filter(item -> item.action() == GcReport.Action.COLLECT).toList();
        }

        GcReport report(String root, GcOptions options, boolean applied, List<GcReport.Item> collected) {
            Map<String, GcReport.Item> done = collected.stream()
                    .collect(Collectors.toMap(GcReport.Item::record, Function.identity(), (a, b) -> a));
            List<GcReport.Item> shown = items.stream()
                    .map(item -> done.getOrDefault(item.record(), applied && item.action() == GcReport.Action.COLLECT
                            ? item.withAction(GcReport.Action.KEEP).withReasons(List.of("became garbage while gc ran; left for the"
                                    + " next run"))
                            : item))
                    .toList();
            return new GcReport(root, options, applied, shown, collectedBefore, List.of());
        }
    }

    private Plan plan(GcOptions options) {
        Inventory inventory = new Inventory(store.listObjects(""));
        WorkflowReleases releases = new WorkflowReleases(store, DataflowLog.SILENT);
        ActivationState activations = releases.activationState();
        Set<String> pinned = new LinkedHashSet<>();
        for (GcRecords.Pin pin : records.pins()) {
            pinned.add(pin.workflowId() + "/" + pin.version());
        }
        Map<String, String> runsByVersion = recentRuns(inventory, options);

        List<GcReport.Item> items = new ArrayList<>();
        int collectedBefore = 0;
        boolean referencesUnknown = false;
        // Keys of builds (bytes) and shared files that kept versions and deploys in flight use -> who uses them.
        Map<String, List<String>> usedBy = new HashMap<>();
        Instant wallClock = Instant.now();

        for (Map.Entry<String, TreeMap<Integer, List<StoredObject>>> workflow : inventory.versionFolders.entrySet()) {
            String workflowId = workflow.getKey();
            List<Integer> visible = workflow.getValue().entrySet().stream()
                    .filter(entry -> hasFile(entry.getValue(), BundleLayout.MANIFEST_FILE))
                    .map(Map.Entry::getKey).sorted(Comparator.reverseOrder()).toList();
            Set<Integer> newest = new LinkedHashSet<>(visible.subList(0, Math.min(options.keep(), visible.size())));
            Optional<Integer> active = activations.active(workflowId);
            for (Map.Entry<Integer, List<StoredObject>> folder : workflow.getValue().entrySet()) {
                int version = folder.getKey();
                String name = workflowId + " version " + version;
                String manifestKey = BundleLayout.manifestKey(workflowId, version);
                List<StoredObject> bundleObjects = folder.getValue().stream().filter(object -> !isRecord(object.key()))
                        .toList();
                if (!hasFile(folder.getValue(), BundleLayout.MANIFEST_FILE)) {
                    referencesUnknown |= inFlight(workflowId, version, wallClock, usedBy);
                    continue;
                }
                if (inventory.tombstones.contains(manifestKey)) {
                    collectedBefore++;
                    if (!bundleObjects.isEmpty()) { // a gc that died between its tombstone and its deletes
                        items.add(GcReport.Item.version(workflowId, version, manifestKey, keys(bundleObjects),
                                size(bundleObjects), List.of(), true));
                    }
                    continue;
                }
                List<String> reasons = new ArrayList<>();
                Manifest manifest = null;
                try {
                    manifest = releases.manifest(workflowId, version).orElse(null);
                } catch (DataflowException e) {
                    reasons.add("damaged manifest");
                    referencesUnknown = true;
                }
                if (active.isPresent() && active.get() == version) {
                    reasons.add("active");
                }
                if (newest.contains(version)) {
                    reasons.add("newest " + options.keep());
                }
                if (pinned.contains(workflowId + "/" + version)) {
                    reasons.add("pinned");
                }
                String run = runsByVersion.get(workflowId + "/" + version);
                if (run != null) {
                    reasons.add("run in the last " + options.runDays() + " days (" + run + ")");
                }
                if (manifest != null && manifest.createdAt() != null && manifest.createdAt().isAfter(options.graceCutoff())) {
                    reasons.add("younger than the grace period");
                }
                if (manifest == null && reasons.isEmpty()) {
                    reasons.add("manifest unreadable");
                }
                if (!reasons.isEmpty() && manifest != null) {
                    for (Manifest.Asset asset : manifest.assets()) {
                        usedBy.computeIfAbsent(asset.registryKey(), key -> new ArrayList<>()).add(name);
                    }
                    for (Manifest.File file : manifest.files()) {
                        usedBy.computeIfAbsent(file.key(), key -> new ArrayList<>()).add(name);
                    }
                }
                items.add(GcReport.Item.version(workflowId, version, manifestKey, keys(bundleObjects),
                        size(bundleObjects), reasons, false));
            }
        }

        AssetRegistry assets = new AssetRegistry(store, DataflowLog.SILENT);
        for (Map.Entry<String, TreeMap<Integer, String>> line : inventory.metadataByLine.entrySet()) {
            int newestBuild = line.getValue().lastKey();
            for (Map.Entry<Integer, String> numbered : line.getValue().entrySet()) {
                String metadataKey = numbered.getValue();
                AssetBuild build;
                try {
                    build = assets.buildAt(metadataKey).orElse(null);
                } catch (DamagedRecordException e) {
                    items.add(GcReport.Item.build(metadataKey, metadataKey, null, List.of(), 0,
                            List.of("damaged metadata"), false));
                    continue;
                }
                if (build == null) {
                    continue;
                }
                StoredObject bytes = inventory.objects.get(build.key());
                List<String> deletes = bytes == null ? List.of() : List.of(build.key());
                long size = bytes == null ? 0 : bytes.size();
                if (inventory.tombstones.contains(metadataKey)) {
                    collectedBefore++;
                    if (bytes != null) {
                        items.add(GcReport.Item.build(build.id().format(), metadataKey, build.sha256(), deletes, size,
                                List.of(), true));
                    }
                    continue;
                }
                List<String> reasons = new ArrayList<>();
                List<String> users = usedBy.getOrDefault(build.key(), List.of());
                if (!users.isEmpty()) {
                    reasons.add("used by " + describeUsers(users));
                }
                if (numbered.getKey() == newestBuild) {
                    reasons.add("newest build of its line");
                }
                if (build.createdAt().isAfter(options.graceCutoff())) {
                    reasons.add("younger than the grace period");
                }
                if (referencesUnknown) {
                    reasons.add("kept while a manifest or a deploy in flight cannot be read");
                }
                items.add(GcReport.Item.build(build.id().format(), metadataKey, build.sha256(), deletes, size, reasons,
                        false));
            }
        }

        for (StoredObject file : inventory.sharedFiles) {
            List<String> reasons = new ArrayList<>();
            List<String> users = usedBy.getOrDefault(file.key(), List.of());
            if (!users.isEmpty()) {
                reasons.add("used by " + describeUsers(users));
            }
            if (file.lastModified().isAfter(options.graceCutoff())) {
                reasons.add("younger than the grace period");
            }
            if (referencesUnknown) {
                reasons.add("kept while a manifest or a deploy in flight cannot be read");
            }
            items.add(GcReport.Item.file(file.key(), file.size(), reasons));
        }
        return new Plan(items, collectedBefore);
    }

    /**
     * Registers what a deploy in flight (a version claim without manifest) uses.
     *
     * @return {@code true} when it cannot tell (a claim written by an older tool, or unreadable): keep every build
     */
    private boolean inFlight(String workflowId, int version, Instant wallClock, Map<String, List<String>> usedBy) {
        Optional<WorkflowVersions.Claim> claim;
        try {
            claim = WorkflowVersions.readClaim(store, workflowId, version);
        } catch (DataflowException e) {
            return false; // an unreadable claim stands for nothing RegistryCheck does not already report
        }
        if (claim.isEmpty() || claim.get().time() == null
                || !claim.get().time().isAfter(wallClock.minus(IN_FLIGHT))) {
            return false; // a deploy that died long ago
        }
        if (claim.get().uses() == null) {
            return true;
        }
        String name = "the deploy in flight of " + workflowId + " version " + version;
        for (String key : claim.get().uses()) {
            usedBy.computeIfAbsent(key, k -> new ArrayList<>()).add(name);
        }
        return false;
    }

    /** Workflow id + "/" + version -> a run that used it within {@code runDays}. */
    private Map<String, String> recentRuns(Inventory inventory, GcOptions options) {
        Map<String, String> used = new HashMap<>();
        Instant cutoff = options.runCutoff();
        for (StoredObject object : inventory.runRecords) {
            // A record is stored after its run started: one older than the cutoff cannot be a recent run.
            if (object.lastModified().isBefore(cutoff)) {
                continue;
            }
            RunRecord record;
            try {
                record = store.read(object.key()).map(bytes -> Json.read(bytes, RunRecord.class,
                        store.locationOf(object.key()))).orElse(null);
            } catch (DataflowException e) {
                log.warn("Skipped an unreadable run record " + store.locationOf(object.key()) + ": " + e.getMessage());
                continue;
            }
            if (record == null || record.startedAt() == null || record.startedAt().isBefore(cutoff)) {
                continue;
            }
            used.putIfAbsent(record.workflowId() + "/" + record.version(), record.runId());
            for (RunRecord.BundleUse bundle : record.bundles()) {
                used.putIfAbsent(bundle.workflowId() + "/" + bundle.version(), record.runId());
            }
        }
        return used;
    }

    private static String describeUsers(List<String> users) {
        List<String> distinct = users.stream().distinct().toList();
        return distinct.size() <= 3 ? String.join(", ", distinct)
                : String.join(", ", distinct.subList(0, 3)) + " and " + (distinct.size() - 3) + " more";
    }

    private static boolean hasFile(List<StoredObject> objects, String name) {
        return objects.stream().anyMatch(object -> object.key().endsWith("/" + name));
    }

    /** Claim and manifest stay: they hold the version's number and say what it was. */
    private static boolean isRecord(String key) {
        return BundleLayout.parse(key).isPresent();
    }

    private static List<String> keys(List<StoredObject> objects) {
        return objects.stream().map(StoredObject::key).toList();
    }

    private static long size(List<StoredObject> objects) {
        return objects.stream().mapToLong(StoredObject::size).sum();
    }

    /** One listing of the whole registry, sorted into what gc looks at. */
    private static final class Inventory {

        final Map<String, StoredObject> objects = new HashMap<>();
        /** Line key -> build number -> metadata key. */
        final Map<String, TreeMap<Integer, String>> metadataByLine = new TreeMap<>();
        /** Workflow id -> version -> objects in its folder. */
        final Map<String, TreeMap<Integer, List<StoredObject>>> versionFolders = new TreeMap<>();
        final List<StoredObject> sharedFiles = new ArrayList<>();
        final List<StoredObject> runRecords = new ArrayList<>();
        final Set<String> tombstones = new LinkedHashSet<>();

        Inventory(List<StoredObject> listing) {
            for (StoredObject object : listing) {
                String key = object.key();
                objects.put(key, object);
                Optional<AssetKeys.AssetKey> asset = AssetKeys.parse(key);
                if (asset.isPresent()) {
                    if (asset.get().kind() == AssetKeys.Kind.METADATA) {
                        metadataByLine.computeIfAbsent(asset.get().lineKey(), line -> new TreeMap<>())
                                .put(asset.get().build(), key);
                    }
                } else if (BundledFile.sha256OfContentKey(key).isPresent()) {
                    sharedFiles.add(object);
                } else if (key.startsWith(RunRecords.PREFIX)) {
                    runRecords.add(object);
                } else if (key.startsWith(GcRecords.PREFIX)) {
                    GcRecords.recordOfTombstone(key).ifPresent(tombstones::add);
                } else {
                    BundleLayout.parseObject(key).ifPresent(version -> versionFolders
                            .computeIfAbsent(version.workflowId(), id -> new TreeMap<>())
                            .computeIfAbsent(version.version(), number -> new ArrayList<>()).add(object));
                }
            }
        }
    }
}
