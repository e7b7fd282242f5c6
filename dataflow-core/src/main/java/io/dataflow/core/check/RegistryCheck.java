package io.dataflow.core.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.BundledFile;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.bundle.Manifest;
import io.dataflow.core.check.Finding.Kind;
import io.dataflow.core.gc.GcRecords;
import io.dataflow.core.maestro.MaestroVersionRecords;
import io.dataflow.core.project.BranchClaims;
import io.dataflow.core.registry.AssetBuild;
import io.dataflow.core.registry.AssetKeys;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.DamagedRecordException;
import io.dataflow.core.registry.FileDigest;
import io.dataflow.core.registry.Leftover;
import io.dataflow.core.registry.Ownership;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.StoredObject;
import io.dataflow.core.release.ActivationLog;
import io.dataflow.core.release.ActivationRecord;
import io.dataflow.core.release.ActivationState;
import io.dataflow.core.release.WorkflowReleases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Verifies a whole registry: every visible asset build and every workflow bundle against the sha256 and size their
 * records name, every activation record and manifest for readability, and finds the garbage interrupted writes
 * leave (claims without metadata, bytes without metadata, unfinished versions, unreferenced shared files,
 * temporary files, incomplete multipart uploads, probe objects) and versions that were never activated.
 *
 * <p>Read-only unless {@link CheckOptions#repair()}; repair removes only garbage that was never visible and is
 * older than the grace period, never a visible build or version, never anything an activation names, and never the
 * highest claim of a line or workflow (numbers are allocated above it).
 */
public final class RegistryCheck {

    private static final int PARALLEL_DOWNLOADS = 4;

    private final ObjectStore store;
    private final DataflowLog log;

    public RegistryCheck(ObjectStore store, DataflowLog log) {
        this.store = Objects.requireNonNull(store, "store");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Checks (and with {@code options.repair()} cleans) the registry, prints the report and returns it. */
    public CheckReport run(CheckOptions options) {
        Run run = new Run(options);
        run.inventory(store.listObjects(""));
        run.checkAssets();
        run.checkContentIndex();
        run.checkWorkflows();
        run.checkSharedFiles();
        run.checkOwnership();
        run.checkGcRecords();
        run.checkLeftovers();
        run.verifyContent();
        List<Finding> removed = options.repair() ? run.repair() : List.of();
        List<Finding> findings = new ArrayList<>(run.findings);
        findings.sort(Comparator.comparing(Finding::key).thenComparing(finding -> finding.kind().ordinal()));
        CheckReport report = new CheckReport(store.root(), run.buildsVerified, run.versionsVerified,
                run.activationsRead, run.ownershipRead, run.sharedFilesVerified, findings, removed, run.notChecked, options);
        for (String line : report.lines()) {
            if (line.startsWith(Kind.DAMAGED.label()) || line.startsWith(Kind.CORRUPT.label())
                    || line.startsWith(Kind.MISSING.label())) {
                log.warn(line);
            } else {
                log.info(line);
            }
        }
        return report;
    }

    /** The state of one check. */
    private final class Run {

        private final CheckOptions options;
        private final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, StoredObject> objects = new HashMap<>();
        private final SortedMap<String, Integer> notChecked = new TreeMap<>();
        /** Line key -> number -> metadata key. */
        private final Map<String, Map<Integer, String>> metadataByLine = new HashMap<>();
        private final Map<String, Map<Integer, StoredObject>> claimsByLine = new HashMap<>();
        private final Map<StoredObject, AssetKeys.AssetKey> bytesObjects = new HashMap<>();
        private final List<StoredObject> indexEntries = new ArrayList<>();
        private final List<StoredObject> sharedFiles = new ArrayList<>();
        private final List<StoredObject> activationRecords = new ArrayList<>();
        /** Folder markers and snapshots of the activation log: rebuilt from the records when damaged. */
        private final List<StoredObject> logBookkeeping = new ArrayList<>();
        /** Owners of namespaces, workflow ids and branch segments; which Maestro version each version became. */
        private final List<StoredObject> ownershipRecords = new ArrayList<>();
        private final Map<Finding, Leftover> leftoverFindings = new HashMap<>();
        /** Tombstones, pins and intents of dataflow:gc. */
        private final List<StoredObject> gcRecords = new ArrayList<>();
        /** Record keys (asset metadata, manifests) whose bytes gc collected. */
        private final Set<String> collected = new HashSet<>();
        /** Workflow id -> version -> keys inside that version's folder. */
        private final Map<String, Map<Integer, List<String>>> versionFolders = new TreeMap<>();
        /** Bytes keys of readable visible builds -> their sha256. */
        private final Map<String, String> visibleBytes = new HashMap<>();
        /** Content-addressed file keys that readable manifests refer to. */
        private final Set<String> referencedSharedFiles = new HashSet<>();
        private boolean unreadableManifest;
        private final List<Expectation> expectations = new ArrayList<>();
        private int buildsVerified;
        private int versionsVerified;
        private int activationsRead;
        private int ownershipRead;
        private int sharedFilesVerified;

        Run(CheckOptions options) {
            this.options = options;
        }

        void inventory(List<StoredObject> listing) {
            for (StoredObject object : listing) {
                String key = object.key();
                objects.put(key, object);
                var assetKey = AssetKeys.parse(key);
                if (assetKey.isPresent()) {
                    AssetKeys.AssetKey parsed = assetKey.get();
                    switch (parsed.kind()) {
                        case METADATA -> metadataByLine.computeIfAbsent(parsed.lineKey(), line -> new TreeMap<>())
                                .put(parsed.build(), key);
                        case CLAIM -> claimsByLine.computeIfAbsent(parsed.lineKey(), line -> new TreeMap<>())
                                .put(parsed.build(), object);
                        case BYTES -> bytesObjects.put(object, parsed);
                    }
                } else if (key.startsWith(AssetKeys.CONTENT_INDEX)) {
                    indexEntries.add(object);
                } else if (BundledFile.sha256OfContentKey(key).isPresent()) {
                    sharedFiles.add(object);
                } else if (ActivationLog.sequenceOf(key).isPresent()) {
                    activationRecords.add(object);
                } else if (ActivationLog.isBookkeeping(key)) {
                    logBookkeeping.add(object);
                } else if (key.startsWith(Ownership.PREFIX) || key.startsWith(BranchClaims.FOLDER)
                        || key.startsWith(MaestroVersionRecords.PREFIX)) {
                    ownershipRecords.add(object);
                } else if (key.startsWith(GcRecords.PREFIX)) {
                    gcRecords.add(object);
                    GcRecords.recordOfTombstone(key).ifPresent(collected::add);
                } else if (BundleLayout.parseObject(key).isPresent()) {
                    BundleLayout.VersionObject version = BundleLayout.parseObject(key).get();
                    versionFolders.computeIfAbsent(version.workflowId(), id -> new TreeMap<>())
                            .computeIfAbsent(version.version(), number -> new ArrayList<>()).add(key);
                } else {
                    int slash = key.indexOf('/');
                    notChecked.merge(slash < 0 ? key : key.substring(0, slash + 1), 1, Integer::sum);
                }
            }
        }

        void checkAssets() {
            AssetRegistry assets = new AssetRegistry(store, DataflowLog.SILENT);
            metadataByLine.forEach((line, numbered) -> numbered.forEach((number, metadataKey) -> {
                try {
                    AssetBuild build = assets.buildAt(metadataKey).orElse(null);
                    if (build == null) {
                        return; // removed while we looked
                    }
                    if (collected.contains(metadataKey)) {
                        StoredObject left = objects.get(build.key());
                        if (left != null) {
                            orphan(left.key(), "bytes of build " + build.id() + ", which dataflow:gc collected (a gc run"
                                    + " that died before deleting them)", oldEnough(left.lastModified()));
                        }
                        return;
                    }
                    visibleBytes.put(build.key(), build.sha256());
                    expectations.add(new Expectation(build.key(), new FileDigest(build.sha256(), build.size()),
                            "visible build " + build.id(), Target.BUILD));
                } catch (DamagedRecordException e) {
                    add(Kind.DAMAGED, metadataKey, "unreadable asset metadata (" + e.reason() + "); the build is "
                            + "left out of listings and refused where it is referenced", false);
                }
            }));
            claimsByLine.forEach((line, claims) -> {
                int highest = Collections.max(claims.keySet());
                Map<Integer, String> visible = metadataByLine.getOrDefault(line, Map.of());
                claims.forEach((number, claim) -> {
                    if (!visible.containsKey(number)) {
                        boolean removable = number != highest && oldEnough(claim.lastModified());
                        orphan(claim.key(), "build number " + number + " was claimed " + age(claim.lastModified())
                                + " but never became visible (a deploy that died)"
                                + (number == highest ? "; kept: new numbers are allocated above the highest claim" : ""),
                                removable);
                    }
                });
            });
            bytesObjects.forEach((object, bytes) -> {
                if (!metadataByLine.getOrDefault(bytes.lineKey(), Map.of()).containsKey(bytes.build())) {
                    orphan(object.key(), "bytes of build " + bytes.build() + " stored " + age(object.lastModified())
                            + " that never became visible (no metadata)", oldEnough(object.lastModified()));
                }
            });
        }

        void checkContentIndex() {
            for (StoredObject entry : indexEntries) {
                String sha256 = entry.key().substring(AssetKeys.CONTENT_INDEX.length());
                String target = store.read(entry.key()).map(bytes -> new String(bytes, StandardCharsets.UTF_8).trim())
                        .orElse("");
                String targetSha256 = visibleBytes.get(target);
                if (targetSha256 == null) {
                    orphan(entry.key(), "content index entry naming " + (target.isEmpty() ? "nothing" : target)
                            + ", which is not the bytes of a readable visible build", oldEnough(entry.lastModified()));
                } else if (!targetSha256.equals(sha256)) {
                    add(Kind.DAMAGED, entry.key(), "content index entry naming " + target + ", whose build has sha256 "
                            + targetSha256 + "; deploys of these bytes would copy other bytes (copies are verified and "
                            + "fail)", oldEnough(entry.lastModified()));
                }
            }
        }

        void checkWorkflows() {
            Map<String, Map<Integer, Long>> activated = readActivations();
            versionFolders.forEach((workflowId, versions) -> {
                int highestClaimed = Collections.max(versions.keySet());
                versions.forEach((version, keys) -> checkVersion(workflowId, version, keys, version == highestClaimed,
                        activated.getOrDefault(workflowId, Map.of()).get(version)));
            });
            activated.forEach((workflowId, versions) -> versions.forEach((version, sequence) -> {
                if (!versionFolders.getOrDefault(workflowId, Map.of()).containsKey(version)) {
                    String manifestKey = BundleLayout.manifestKey(workflowId, version);
                    add(Kind.MISSING, manifestKey, "version " + version + " of " + workflowId + " is named by activation record #"
                            + sequence + " but nothing of it exists", false);
                }
            }));
        }

        /** Workflow id -> version -> the newest readable activation record naming it. */
        private Map<String, Map<Integer, Long>> readActivations() {
            Map<String, Map<Integer, Long>> activated = new HashMap<>();
            for (StoredObject object : activationRecords) {
                long sequence = ActivationLog.sequenceOf(object.key()).orElseThrow();
                ActivationRecord record;
                try {
                    record = Json.mapper().readValue(store.read(object.key()).orElseThrow(), ActivationRecord.class);
                    if (record.sequence() != sequence || record.kind() == null
                            || record.workflows().stream().anyMatch(entry -> entry == null || entry.workflowId() == null
                                    || entry.version() < 1)) {
                        throw new IOException("its sequence, kind or workflows do not match an activation record #" + sequence);
                    }
                } catch (IOException | RuntimeException e) {
                    add(Kind.DAMAGED, object.key(), "unreadable activation record (" + reason(e) + ")", false);
                    continue;
                }
                activationsRead++;
                for (ActivationRecord.Entry entry : record.workflows()) {
                    activated.computeIfAbsent(entry.workflowId(), id -> new HashMap<>())
                            .merge(entry.version(), sequence, Math::max);
                }
            }
            ActivationLog log = new ActivationLog(store);
            for (StoredObject object : logBookkeeping) {
                log.damagedSnapshot(object.key()).ifPresent(damaged -> add(Kind.DAMAGED, object.key(),
                        "unreadable activation snapshot (" + damaged.problem() + "); the next deploy or rollback "
                                + "rebuilds it from the log", false));
            }
            return activated;
        }

        void checkOwnership() {
            for (StoredObject object : ownershipRecords) {
                try {
                    JsonNode record = Json.mapper().readTree(store.read(object.key()).orElseThrow());
                    if (record == null || !record.isObject()) {
                        throw new IOException("not a JSON object");
                    }
                    ownershipRead++;
                } catch (IOException | RuntimeException e) {
                    add(Kind.DAMAGED, object.key(), "unreadable record (" + reason(e) + "); deploys, rollbacks and "
                            + "pushes that need it are refused until it is restored", false);
                }
            }
        }

        private void checkVersion(String workflowId, int version, List<String> keys, boolean highestClaimed,
                Long activation) {
            String manifestKey = BundleLayout.manifestKey(workflowId, version);
            if (!keys.contains(manifestKey)) {
                if (activation != null) {
                    add(Kind.MISSING, manifestKey, "version " + version + " of " + workflowId + " is named by activation record #"
                            + activation + " but its manifest does not exist; that version cannot be run or activated",
                            false);
                    return;
                }
                String claimKey = BundleLayout.claimKey(workflowId, version);
                boolean oldEnough = keys.stream().allMatch(key -> oldEnough(objects.get(key).lastModified()));
                for (String key : keys) {
                    boolean keptClaim = key.equals(claimKey) && highestClaimed;
                    orphan(key, "part of version " + version + " of " + workflowId + ", which was never completed (no "
                            + "manifest) and is named by no activation"
                            + (keptClaim ? "; kept: new versions are numbered above the highest claim" : ""),
                            oldEnough && !keptClaim);
                }
                return;
            }
            Manifest manifest;
            try {
                manifest = Json.mapper().readValue(store.read(manifestKey).orElseThrow(), Manifest.class);
                if (manifest.schemaVersion() > Manifest.SCHEMA_VERSION) {
                    notChecked.merge("manifests of a newer Dataflow", 1, Integer::sum);
                    return;
                }
                if (!manifest.workflowId().equals(workflowId) || manifest.version() != version
                        || manifest.workflow() == null || manifest.workflow().key() == null) {
                    throw new IOException("it does not describe version " + version + " of " + workflowId);
                }
            } catch (IOException | RuntimeException e) {
                unreadableManifest = true;
                add(Kind.DAMAGED, manifestKey, "unreadable manifest (" + reason(e) + "); version " + version + " of "
                        + workflowId + " cannot be run or activated", false);
                return;
            }
            if (collected.contains(manifestKey)) {
                for (String key : keys) {
                    if (!key.equals(manifestKey) && !key.equals(BundleLayout.claimKey(workflowId, version))) {
                        orphan(key, "part of version " + version + " of " + workflowId + ", which dataflow:gc collected"
                                + " (a gc run that died before deleting it)", oldEnough(objects.get(key).lastModified()));
                    }
                }
                return;
            }
            versionsVerified++;
            expectations.add(new Expectation(manifest.workflow().key(), new FileDigest(manifest.workflow().sha256(),
                    manifest.workflow().size()), "rendered workflow of " + workflowId + " version " + version,
                    Target.BUNDLE));
            if (manifest.picture() != null) {
                expectations.add(new Expectation(manifest.picture().key(), new FileDigest(manifest.picture().sha256(),
                        manifest.picture().size()), "DAG picture of " + workflowId + " version " + version,
                        Target.BUNDLE));
            }
            for (Manifest.Asset asset : manifest.assets()) {
                expectations.add(new Expectation(asset.bundleKey(), new FileDigest(asset.sha256(), asset.size()),
                        "bundle copy of " + asset.uuid() + " in " + workflowId + " version " + version, Target.BUNDLE));
            }
            for (Manifest.File file : manifest.files()) {
                referencedSharedFiles.add(file.key());
                expectations.add(new Expectation(file.bundleKey(), new FileDigest(file.sha256(), file.size()),
                        "bundle copy of " + file.path() + " in " + workflowId + " version " + version, Target.BUNDLE));
            }
            if (activation == null) {
                add(Kind.NEVER_ACTIVATED, manifestKey, "version " + version + " of " + workflowId + " is complete but no "
                        + "readable activation record names it; mvn dataflow:rollback -Ddataflow.workflow=" + workflowId
                        + " -Ddataflow.version=" + version + " activates it", false);
            }
        }

        void checkSharedFiles() {
            boolean referencesKnown = !unreadableManifest && findings(Kind.MISSING).isEmpty();
            for (StoredObject file : sharedFiles) {
                String sha256 = BundledFile.sha256OfContentKey(file.key()).orElseThrow();
                expectations.add(new Expectation(file.key(), new FileDigest(sha256, file.size()),
                        "shared $S3{} file", Target.SHARED_FILE));
                if (!referencedSharedFiles.contains(file.key())) {
                    orphan(file.key(), "shared file stored " + age(file.lastModified()) + " that no readable "
                            + "manifest refers to (a release that died)"
                            + (referencesKnown ? "" : "; kept while manifests are damaged or missing"),
                            referencesKnown && oldEnough(file.lastModified()));
                }
            }
        }

        /**
         * Tombstones name a record that exists; pins name a visible version gc did not collect; no active version was
         * collected; intents belong to a gc run in progress, or to one that died (removable after its lifetime).
         */
        void checkGcRecords() {
            for (StoredObject object : gcRecords) {
                String key = object.key();
                try {
                    byte[] bytes = store.read(key).orElseThrow();
                    if (key.startsWith(GcRecords.COLLECTED)) {
                        GcRecords.Tombstone tombstone = Json.mapper().readValue(bytes, GcRecords.Tombstone.class);
                        String record = GcRecords.recordOfTombstone(key).orElseThrow();
                        if (tombstone.collectedAt() == null || !record.equals(tombstone.record())) {
                            throw new IOException("it does not describe the collection of " + record);
                        }
                        if (!objects.containsKey(record)) {
                            add(Kind.DAMAGED, key, "tombstone of " + record + ", which does not exist", false);
                        }
                    } else if (key.startsWith(GcRecords.PINS)) {
                        GcRecords.Pin pin = Json.mapper().readValue(bytes, GcRecords.Pin.class);
                        String manifestKey = BundleLayout.manifestKey(pin.workflowId(), pin.version());
                        if (!key.equals(GcRecords.pinKey(pin.workflowId(), pin.version()))) {
                            throw new IOException("it describes a pin of " + pin.workflowId() + " version " + pin.version());
                        }
                        if (!objects.containsKey(manifestKey) || collected.contains(manifestKey)) {
                            add(Kind.MISSING, key, "pin of " + pin.workflowId() + " version " + pin.version() + ", which "
                                    + (objects.containsKey(manifestKey) ? "dataflow:gc collected" : "does not exist")
                                    + "; remove it with mvn dataflow:pin -Ddataflow.unpin", false);
                        }
                    } else if (key.startsWith(GcRecords.INTENTS)) {
                        GcRecords.Intent intent = Json.mapper().readValue(bytes, GcRecords.Intent.class);
                        boolean dead = intent.startedAt() == null
                                || !intent.startedAt().isAfter(options.now().minus(GcRecords.INTENT_LIFETIME));
                        orphan(key, "intent of gc run " + intent.gcRun() + " started " + age(intent.startedAt())
                                + (dead ? " (it died)" : " (still running?)"), dead && oldEnough(object.lastModified()));
                    } else {
                        notChecked.merge(GcRecords.PREFIX, 1, Integer::sum);
                    }
                } catch (IOException | RuntimeException e) {
                    add(Kind.DAMAGED, key, "unreadable dataflow:gc record (" + reason(e) + ")", false);
                }
            }
            if (collected.isEmpty()) {
                return;
            }
            ActivationState state = new WorkflowReleases(store, DataflowLog.SILENT).activationState();
            state.workflows().forEach((workflowId, active) -> {
                String manifestKey = BundleLayout.manifestKey(workflowId, active.version());
                if (collected.contains(manifestKey)) {
                    add(Kind.MISSING, manifestKey, "the active version " + active.version() + " of " + workflowId
                            + " was collected by dataflow:gc; it cannot run. Roll back to a kept version", false);
                }
            });
        }

        void checkLeftovers() {
            for (Leftover leftover : store.leftovers()) {
                String what = leftover.kind() == Leftover.Kind.INCOMPLETE_UPLOAD
                        ? "incomplete multipart upload " + leftover.uploadId() + " of an interrupted write"
                        : leftover.kind() == Leftover.Kind.TEMPORARY_FILE
                                ? "temporary file of an interrupted write" : leftover.kind().label();
                Finding finding = new Finding(Kind.ORPHAN, leftover.key(), leftoverLocation(leftover), what
                        + ", started " + age(leftover.since()), oldEnough(leftover.since()));
                findings.add(finding);
                leftoverFindings.put(finding, leftover);
            }
        }

        /** Downloads and hashes everything that has an expected digest, a few objects at a time. */
        void verifyContent() {
            if (expectations.isEmpty()) {
                return;
            }
            Path scratch;
            try {
                scratch = Files.createTempDirectory("dataflow-check-");
            } catch (IOException e) {
                throw new EnvironmentException("Cannot create a temporary directory to verify registry objects: " + e, e);
            }
            ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_DOWNLOADS, runnable -> {
                Thread thread = new Thread(runnable, "dataflow-check");
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<?>> checks = new ArrayList<>();
                for (int i = 0; i < expectations.size(); i++) {
                    Expectation expectation = expectations.get(i);
                    Path local = scratch.resolve(i + ".bin");
                    checks.add(pool.submit(() -> verify(expectation, local)));
                }
                for (Future<?> check : checks) {
                    await(check);
                }
            } finally {
                pool.shutdownNow();
                deleteRecursively(scratch);
            }
        }

        private void verify(Expectation expectation, Path local) {
            if (!objects.containsKey(expectation.key())) {
                add(Kind.CORRUPT, expectation.key(), expectation.what() + " is missing", false);
                return;
            }
            try {
                store.download(expectation.key(), local);
                FileDigest actual = FileDigest.of(local);
                if (!actual.equals(expectation.digest())) {
                    add(Kind.CORRUPT, expectation.key(), expectation.what() + " does not match its record: stored "
                            + actual.describe() + "; expected " + expectation.digest().describe(), false);
                    return;
                }
                synchronized (this) {
                    switch (expectation.target()) {
                        case BUILD -> buildsVerified++;
                        case SHARED_FILE -> sharedFilesVerified++;
                        case BUNDLE -> { }
                    }
                }
            } finally {
                try {
                    Files.deleteIfExists(local);
                } catch (IOException ignored) {
                    // removed with the scratch directory
                }
            }
        }

        List<Finding> repair() {
            List<Finding> removed = new ArrayList<>();
            for (Finding finding : List.copyOf(findings)) {
                if (!finding.removable()) {
                    continue;
                }
                Leftover leftover = leftoverFindings.get(finding);
                if (leftover != null) {
                    store.remove(leftover);
                } else {
                    store.delete(finding.key());
                }
                removed.add(finding);
            }
            // Removed garbage is reported as removed, not as still there.
            findings.removeAll(removed);
            return removed;
        }

        private void orphan(String key, String detail, boolean removable) {
            add(Kind.ORPHAN, key, detail, removable);
        }

        private void add(Kind kind, String key, String detail, boolean removable) {
            findings.add(new Finding(kind, key, store.locationOf(key), detail, removable));
        }

        private List<Finding> findings(Kind kind) {
            synchronized (findings) {
                return findings.stream().filter(finding -> finding.kind() == kind).toList();
            }
        }

        private boolean oldEnough(Instant time) {
            return !time.isAfter(options.now().minus(options.grace()));
        }

        private String leftoverLocation(Leftover leftover) {
            return leftover.kind() == Leftover.Kind.TEMPORARY_FILE
                    ? store.root() + (store.root().endsWith("/") ? "" : "/") + leftover.key()
                    : store.locationOf(leftover.key());
        }
    }

    private static String age(Instant time) {
        return "at " + time;
    }

    private static String reason(Throwable e) {
        if (e instanceof JsonProcessingException json) {
            return json.getOriginalMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void await(Future<?> check) {
        try {
            check.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while verifying the registry.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new EnvironmentException("Cannot verify the registry: " + e.getCause(), e.getCause());
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a left-over scratch directory in the temporary folder is harmless
        }
    }

    private enum Target { BUILD, BUNDLE, SHARED_FILE }

    /** An object whose bytes must have a digest. */
    private record Expectation(String key, FileDigest digest, String what, Target target) {}

}
