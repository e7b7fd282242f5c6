package io.dataflow.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.contract.run.TaskStatus;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.BundleReader;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.bundle.Manifest;
import io.dataflow.core.bundle.Sha256;
import io.dataflow.core.check.CheckOptions;
import io.dataflow.core.check.CheckReport;
import io.dataflow.core.check.Finding;
import io.dataflow.core.check.RegistryCheck;
import io.dataflow.core.gc.GarbageCollector;
import io.dataflow.core.gc.GcOptions;
import io.dataflow.core.gc.GcRecords;
import io.dataflow.core.gc.GcReport;
import io.dataflow.core.gc.Pins;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.registry.AssetBuild;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.release.ActivationState;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.release.HistoryReport;
import io.dataflow.core.release.ReleaseContext;
import io.dataflow.core.release.WorkflowCandidate;
import io.dataflow.core.release.WorkflowReleases;
import io.dataflow.core.release.WorkflowVersions;
import io.dataflow.core.run.RunRecord;
import io.dataflow.core.run.RunRecords;
import io.dataflow.core.run.RunRequest;
import io.dataflow.core.run.WorkflowRuns;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code dataflow:gc} and {@code dataflow:pin} on real deploys of a real git repository: what is kept and why, dry
 * runs, idempotence, the refusals of collected versions and builds, and gc applied while deploys run. Run against
 * every registry backend.
 */
abstract class GcContractTest extends ProjectOnStoreContract {

    private static final String MAIN = ProjectFixture.MAIN_ID;
    private static final String REPORT = ProjectFixture.REPORT_ID;

    /** One deploy of the project after committing a change: new SQL always, new JAR bytes unless {@code jar} is null. */
    private void deploy(int number, String jar) throws Exception {
        fixture.write("flows/ddl/x.sql", "CREATE TABLE IF NOT EXISTS ${TARGET_DB}.x (id INT); -- deploy " + number + "\n");
        fixture.commit("deploy " + number);
        if (jar != null) {
            fixture.writeJar(jar);
        }
        new DataflowProject(fixture.modules(), log).deploy(store, ProjectOptions.defaults());
    }

    @Test
    void aScriptedHistoryKeepsExactlyWhatTheRulesSayAndCollectsTheRest() throws Exception {
        WorkflowReleases releases = new WorkflowReleases(store, DataflowLog.SILENT);
        Instant graceStart = null;
        for (int i = 1; i <= 30; i++) {
            // Every fifth deploy keeps the JAR's bytes: the line's newest build is reused (UNCHANGED).
            deploy(i, i % 5 == 0 ? null : "jar bytes, deploy " + i);
            if (i == 5) {
                fixture.checkoutNewBranch("feature/x");
                deploy(100, "jar bytes of feature/x");
                fixture.git().checkout().setName("master").call();
            }
            if (i == 10) {
                releases.rollback(MAIN, 4, "bob", Instant.now());
            }
            if (i == 20) {
                releases.rollback(MAIN, null, "bob", Instant.now());
            }
            if (i == 25) {
                graceStart = Instant.now(); // deploys 26-30 are younger than the grace period below
            }
        }
        releases.rollback(REPORT, 12, "bob", Instant.now());
        Pins pins = new Pins(store);
        assertThat(pins.pin(MAIN, 3, "carol", Instant.now())).startsWith("PINNED " + MAIN + " version 3");
        assertThat(pins.pin(MAIN, 3, "carol", Instant.now())).contains("already pinned");
        pins.pin(MAIN, 6, "carol", Instant.now());
        assertThat(pins.unpin(MAIN, 6)).startsWith("UNPINNED");
        assertThat(pins.unpin(MAIN, 6)).contains("not pinned; nothing changed");
        assertThatThrownBy(() -> pins.pin(MAIN, 99, "carol", Instant.now())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no version 99");

        GcOptions dryRun = new GcOptions(false, 2, Duration.ofDays(7), 30, graceStart.plus(Duration.ofDays(7)), "gc-test");
        // A run 2 days before "now" used main version 8 and report version 7; one 60 days before used version 9.
        storeRun(MAIN, 8, dryRun.now().minus(Duration.ofDays(2)), List.of(REPORT + "/7"));
        storeRun(MAIN, 9, dryRun.now().minus(Duration.ofDays(60)), List.of());

        Expected expected = expectation(dryRun);
        assertThat(expected.collectedVersions).hasSizeGreaterThan(20);
        assertThat(expected.collectedBuilds).hasSizeGreaterThan(10);
        assertThat(expected.collectedFiles).isNotEmpty();
        // Spot checks that the rules, not luck, decide.
        assertThat(expected.keptVersions).contains(MAIN + "/3", MAIN + "/8", REPORT + "/7", REPORT + "/12",
                MAIN + "/27", MAIN + "@feature-x/1", REPORT + "@feature-x/1");
        assertThat(expected.collectedVersions).contains(MAIN + "/6", MAIN + "/9", MAIN + "/1");

        Map<String, String> before = tree();
        GcReport planned = new GarbageCollector(store, log).run(dryRun);
        assertThat(tree()).as("a dry run writes nothing").isEqualTo(before);
        assertThat(versions(planned, GcReport.Action.COLLECT)).isEqualTo(expected.collectedVersions);
        assertThat(versions(planned, GcReport.Action.KEEP)).isEqualTo(expected.keptVersions);
        assertThat(names(planned, GcReport.Kind.BUILD, GcReport.Action.COLLECT)).isEqualTo(expected.collectedBuilds);
        assertThat(names(planned, GcReport.Kind.FILE, GcReport.Action.COLLECT)).isEqualTo(expected.collectedFiles);
        assertThat(reasons(planned, MAIN + " version 3")).contains("pinned");
        assertThat(reasons(planned, MAIN + " version 8")).anyMatch(reason -> reason.startsWith("run in the last 30 days"));
        assertThat(reasons(planned, MAIN + " version 27")).containsExactly("younger than the grace period");
        assertThat(planned.bytes()).isPositive();
        assertThat(planned.toText()).last().asString().startsWith("Summary: " + expected.collectedVersions.size()
                + " version(s), " + expected.collectedBuilds.size() + " build(s) and " + expected.collectedFiles.size()
                + " file(s) to collect, " + planned.bytes() + " bytes reclaimable");
        assertThat(Json.mapper().readTree(planned.toJson()).path("schema").asText()).isEqualTo("dataflow.gc/1");

        int activationsBefore = store.list("activations/log/").size();
        GcReport applied = new GarbageCollector(store, log).run(dryRun.withApply(true));
        assertThat(versions(applied, GcReport.Action.COLLECTED)).isEqualTo(expected.collectedVersions);
        assertThat(names(applied, GcReport.Kind.BUILD, GcReport.Action.COLLECTED)).isEqualTo(expected.collectedBuilds);
        assertThat(applied.bytes()).isEqualTo(planned.bytes());
        assertThat(store.list(GcRecords.INTENTS)).as("gc removes its intent").isEmpty();

        // Collected versions keep claim and manifest (numbers are never reused), lose everything else.
        for (String version : expected.collectedVersions) {
            String id = version.substring(0, version.lastIndexOf('/'));
            int number = Integer.parseInt(version.substring(version.lastIndexOf('/') + 1));
            assertThat(store.list(BundleLayout.versionPrefix(id, number))).containsExactlyInAnyOrder(
                    BundleLayout.claimKey(id, number), BundleLayout.manifestKey(id, number));
            assertThat(store.exists(GcRecords.tombstoneKey(BundleLayout.manifestKey(id, number)))).isTrue();
        }
        // Kept versions are complete: every file of the manifest, sha256-checked, and the asset builds it points to.
        for (String version : expected.keptVersions) {
            String id = version.substring(0, version.lastIndexOf('/'));
            int number = Integer.parseInt(version.substring(version.lastIndexOf('/') + 1));
            requireComplete(releases.manifest(id, number).orElseThrow());
        }
        AssetRegistry assets = new AssetRegistry(store, DataflowLog.SILENT);
        for (String metadataKey : allBuildMetadata()) {
            AssetBuild build = assets.buildAt(metadataKey).orElseThrow();
            boolean collected = expected.collectedBuilds.contains(build.id().format());
            assertThat(store.exists(build.key())).as(build.id().format()).isEqualTo(!collected);
            assertThat(store.exists(metadataKey)).isTrue();
        }
        assertThat(store.list("jars/jobs/user/stranger-data/master/.claims/")).hasSize(
                (int) new AssetRegistry(store, DataflowLog.SILENT).list(AssetType.JAR, "jobs").stream()
                        .filter(build -> build.id().branch().equals("master")).count());

        // What users see about collected things.
        HistoryReport history = releases.history(MAIN, 0);
        assertThat(history.toText()).anyMatch(line -> line.contains("version 9 ") && line.contains("COLLECTED by gc on"));
        assertThatThrownBy(() -> releases.rollback(MAIN, 9, "bob", Instant.now()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Version 9 of " + MAIN + " was collected by gc on");
        assertThat(store.list("activations/log/")).hasSize(activationsBefore);
        Path runs = work.resolve("runs");
        assertThatThrownBy(() -> new WorkflowRuns(store, log).prepare(new RunRequest(MAIN, 9, Map.of(), null,
                work.resolve("warehouse").toString(), null, runs, "test", Instant.now())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot be run");
        assertThat(runs.toFile().list()).isNullOrEmpty();
        assertThatThrownBy(() -> pins.pin(MAIN, 9, "carol", Instant.now())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("collected by gc");
        String collectedBuild = expected.collectedBuilds.iterator().next();
        assertThatThrownBy(() -> new AssetRegistry(store, DataflowLog.SILENT).find(
                io.dataflow.core.identity.AssetId.parse(collectedBuild)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("collected by gc on");

        assertThat(DeployedListing.section(new AssetRegistry(store, DataflowLog.SILENT), AssetType.JAR, List.of("jobs"))
                .builds()).allSatisfy(build -> assertThat(build.collected())
                        .isEqualTo(expected.collectedBuilds.contains(build.uuid())));

        CheckReport check = new RegistryCheck(store, DataflowLog.SILENT).run(CheckOptions.readOnly());
        assertThat(check.findings()).isEmpty();

        // Applying again finds nothing more to collect and writes nothing.
        Map<String, String> afterFirst = tree();
        GcReport again = new GarbageCollector(store, log).run(dryRun.withApply(true));
        assertThat(again.items().stream().filter(GcReport.Item::gone)).isEmpty();
        assertThat(again.collectedBefore()).isEqualTo(expected.collectedVersions.size() + expected.collectedBuilds.size());
        assertThat(tree()).isEqualTo(afterFirst);

        // A new deploy still works; a deploy reusing the line's newest build copies it.
        deploy(31, null);
        assertThat(log.lines()).anyMatch(line -> line.contains("UNCHANGED dataflow.jar.jobs"));
        requireComplete(releases.manifest(MAIN, releases.activeVersion(MAIN).orElseThrow()).orElseThrow());
    }

    @Test
    void gcAppliedWhileDeploysRunLeavesEveryActiveVersionComplete() throws Exception {
        for (int i = 1; i <= 3; i++) {
            deploy(i, "jar content " + (char) ('A' + i % 3));
        }
        AtomicBoolean deploying = new AtomicBoolean(true);
        AtomicInteger gcRuns = new AtomicInteger();
        AtomicInteger collected = new AtomicInteger();
        List<String> refusedDeploys = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> deploys = pool.submit(() -> {
                try {
                    for (int i = 4; i <= 15; i++) {
                        // Cycling through three contents, each deploy's JAR equals an older build: the content index
                        // sends the deploy to copy bytes that gc may be deleting at that moment.
                        try {
                            deploy(i, "jar content " + (char) ('A' + i % 3));
                        } catch (EnvironmentException e) {
                            if (!e.getMessage().contains("gc")) {
                                throw e;
                            }
                            refusedDeploys.add(e.getMessage());
                        }
                    }
                } finally {
                    deploying.set(false);
                }
                return null;
            });
            Future<?> gc = pool.submit(() -> {
                while (deploying.get()) {
                    GcReport report = new GarbageCollector(store, DataflowLog.SILENT).run(
                            new GcOptions(true, 1, Duration.ZERO, 0, Instant.now(), "gc-test"));
                    gcRuns.incrementAndGet();
                    collected.addAndGet((int) report.items().stream().filter(GcReport.Item::gone).count());
                }
                return null;
            });
            deploys.get();
            gc.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(gcRuns.get()).isGreaterThan(1);
        assertThat(collected.get()).as("gc collected while deploys ran").isPositive();
        // Refusals are allowed only when they are loud: gc deleted what that deploy used while it ran.
        assertThat(refusedDeploys).allMatch(message -> message.contains("nothing was activated"));

        WorkflowReleases releases = new WorkflowReleases(store, DataflowLog.SILENT);
        ActivationState state = releases.activationState();
        assertThat(state.workflows()).containsKeys(MAIN, REPORT);
        state.workflows().forEach((id, active) -> requireComplete(releases.manifest(id, active.version()).orElseThrow()));

        CheckReport check = new RegistryCheck(store, DataflowLog.SILENT).run(CheckOptions.readOnly());
        assertThat(check.findings()).allSatisfy(finding -> {
            assertThat(finding.kind()).isEqualTo(Finding.Kind.ORPHAN);
            assertThat(finding.key()).endsWith(BundleLayout.CLAIM_FILE); // a version claim of a refused deploy
        });
        assertThat(check.findings()).hasSizeLessThanOrEqualTo(refusedDeploys.size());
    }

    @Test
    void checkRegistryReportsGcRecordsThatNameWhatIsGoneAndIntentsOfGcRunsThatDied() throws Exception {
        for (int i = 1; i <= 3; i++) {
            deploy(i, "jar content " + i);
        }
        new GarbageCollector(store, log).run(new GcOptions(true, 1, Duration.ZERO, 0, Instant.now(), "gc-test"));
        assertThat(new RegistryCheck(store, DataflowLog.SILENT).run(CheckOptions.readOnly()).findings()).isEmpty();

        // What only races or hand edits leave: a pin of a collected version, the intent of a gc run that died.
        store.createIfAbsent(GcRecords.pinKey(MAIN, 1), Json.bytes(new GcRecords.Pin(MAIN, 1, Instant.now(), "x", "n")));
        store.createIfAbsent(GcRecords.INTENTS + "dead.json", Json.bytes(new GcRecords.Intent("dead-run",
                Instant.now().minus(Duration.ofHours(2)), "gc-test", List.of("x"), "n")));
        CheckReport check = new RegistryCheck(store, DataflowLog.SILENT).run(CheckOptions.readOnly());
        assertThat(check.findings(Finding.Kind.MISSING)).singleElement().satisfies(finding -> {
            assertThat(finding.key()).isEqualTo(GcRecords.pinKey(MAIN, 1));
            assertThat(finding.detail()).contains("dataflow:gc collected");
        });
        assertThat(check.findings(Finding.Kind.ORPHAN)).singleElement().satisfies(finding ->
                assertThat(finding.detail()).contains("intent of gc run dead-run").contains("it died"));
    }

    @Test
    void whatADeployInFlightListsInItsVersionClaimIsKept() throws Exception {
        for (int i = 1; i <= 3; i++) {
            deploy(i, "jar content " + i);
        }
        AssetBuild first = oldestBuild();
        // What a deploy writes first: its version claim, listing the bytes its bundle is about to copy.
        var claim = new WorkflowVersions.Claim("gc.probe", 1, "release-1", "alice", Instant.now(), List.of(first.key()));
        assertThat(store.createIfAbsent(BundleLayout.claimKey("gc.probe", 1), Json.bytes(claim))).isTrue();

        GcReport report = new GarbageCollector(store, log).run(
                new GcOptions(false, 1, Duration.ZERO, 0, Instant.now(), "gc-test"));
        assertThat(reasons(report, first.id().format())).containsExactly("used by the deploy in flight of gc.probe version 1");
        assertThat(names(report, GcReport.Kind.BUILD, GcReport.Action.COLLECT)).hasSize(1); // build 2: nobody uses it
    }

    @Test
    void aReleaseThatFindsGcCollectingABuildItUsesWaitsAndThenRefusesWithoutActivating() throws Exception {
        for (int i = 1; i <= 2; i++) {
            deploy(i, "jar content " + i);
        }
        AssetBuild first = oldestBuild();
        String metadataKey = AssetRegistry.metadataKey(first.id());
        // A gc run that is deleting build 1: its intent exists; it deletes and leaves its tombstone half a second later.
        var intent = new GcRecords.Intent("run-1", Instant.now(), "gc-test", List.of(metadataKey), "n1");
        String intentKey = GcRecords.INTENTS + "test-run-1.json";
        store.createIfAbsent(intentKey, Json.bytes(intent));
        ExecutorService gc = Executors.newSingleThreadExecutor();
        Future<?> collecting = gc.submit(() -> {
            Thread.sleep(500);
            store.createIfAbsent(GcRecords.tombstoneKey(metadataKey), Json.bytes(new GcRecords.Tombstone(metadataKey,
                    Instant.now(), "gc-test", "run-1", List.of(first.key()), first.size(), "n2")));
            store.delete(first.key());
            store.delete(intentKey);
            return null;
        });
        int activations = store.list("activations/log/").size();
        WorkflowReleases releases = new WorkflowReleases(store, DataflowLog.SILENT);
        long started = System.nanoTime();
        try {
            assertThatThrownBy(() -> releases.release(List.of(probe(first)), probeContext()))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("was collected by gc on").hasMessageContaining("nothing was activated");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("it waited for the gc run")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(400));
            collecting.get();
        } finally {
            gc.shutdownNow();
        }
        assertThat(store.list("activations/log/")).hasSize(activations);
        assertThat(store.exists(BundleLayout.manifestKey("gc.probe", 1))).isFalse();
    }

    @Test
    void aReleaseThatFindsAGcRunThatKeptWhatItUsesGoesAhead() throws Exception {
        deploy(1, "jar content 1");
        AssetBuild first = oldestBuild();
        String intentKey = GcRecords.INTENTS + "test-run-2.json";
        store.createIfAbsent(intentKey, Json.bytes(new GcRecords.Intent("run-2", Instant.now(), "gc-test",
                List.of(AssetRegistry.metadataKey(first.id())), "n3")));
        ExecutorService gc = Executors.newSingleThreadExecutor();
        try {
            gc.submit(() -> {
                Thread.sleep(300);
                store.delete(intentKey); // its second plan saw the deploy's claim: nothing deleted
                return null;
            });
            var released = new WorkflowReleases(store, DataflowLog.SILENT).release(List.of(probe(first)), probeContext());
            assertThat(released.get(0).version()).isEqualTo(1);
        } finally {
            gc.shutdownNow();
        }
    }

    private WorkflowCandidate probe(AssetBuild build) {
        return new WorkflowCandidate("gc.probe", "Workflow:\n  id: gc.probe\n  jobs:\n    - job: {id: a, type: Spark, "
                + "spark: {jar: " + build.location() + "}}\n", "flows/probe.sch.yaml", List.of(build), List.of(), null);
    }

    private ReleaseContext probeContext() throws Exception {
        GitState git = new GitState(fixture.root(), "user", "stranger-data", "master", fixture.head(), false,
                "git@github.com:user/stranger-data.git", "master");
        return new ReleaseContext(git, "alice", Instant.now(), "test");
    }

    private AssetBuild oldestBuild() {
        return new AssetRegistry(store, DataflowLog.SILENT).list(AssetType.JAR, "jobs").stream()
                .min(java.util.Comparator.comparingInt(build -> build.id().build())).orElseThrow();
    }

    /** Every object of the bundle exists with its sha256, and so do the asset builds and files the YAML points to. */
    private void requireComplete(Manifest manifest) {
        Path target = work.resolve("check-" + manifest.workflowId() + "-" + manifest.version() + "-" + System.nanoTime());
        new BundleReader(store).download(manifest, target); // sha256-checked against the manifest
        for (Manifest.Asset asset : manifest.assets()) {
            assertThat(store.read(asset.registryKey())).as(asset.registryKey()).get()
                    .satisfies(bytes -> assertThat(Sha256.of(bytes)).isEqualTo(asset.sha256()));
        }
        for (Manifest.File file : manifest.files()) {
            assertThat(store.read(file.key())).as(file.key()).get()
                    .satisfies(bytes -> assertThat(Sha256.of(bytes)).isEqualTo(file.sha256()));
        }
    }

    private void storeRun(String workflowId, int version, Instant started, List<String> subworkflows) {
        List<RunRecord.BundleUse> bundles = new ArrayList<>();
        bundles.add(new RunRecord.BundleUse(workflowId, version, "sha256:x", List.of(), List.of()));
        for (String sub : subworkflows) {
            bundles.add(new RunRecord.BundleUse(sub.substring(0, sub.indexOf('/')),
                    Integer.parseInt(sub.substring(sub.indexOf('/') + 1)), "sha256:y", List.of(), List.of()));
        }
        String runId = workflowId + "-v" + version + "-" + started.toEpochMilli();
        RunRecord record = new RunRecord(RunRecord.SCHEMA, runId, workflowId, version, "sha256:x", started,
                started.plusSeconds(60), 60_000, TaskStatus.SUCCEEDED, true, "test", "local[2]", "/tmp/w", null, "4.1.3",
                Map.of(), bundles, List.of(), null);
        assertThat(store.createIfAbsent(RunRecords.key(workflowId, runId), Json.bytes(record))).isTrue();
    }

    /** What the rules say, computed from the registry through the release engine's public reads. */
    private Expected expectation(GcOptions options) {
        WorkflowReleases releases = new WorkflowReleases(store, DataflowLog.SILENT);
        ActivationState state = releases.activationState();
        Instant graceCutoff = options.now().minus(options.grace());
        Set<String> pinned = new GcRecords(store).pins().stream().map(pin -> pin.workflowId() + "/" + pin.version())
                .collect(Collectors.toSet());
        Set<String> recentlyRun = new HashSet<>();
        for (String key : store.list(RunRecords.PREFIX)) {
            RunRecord run = Json.read(store.read(key).orElseThrow(), RunRecord.class, key);
            if (!run.startedAt().isBefore(options.now().minus(Duration.ofDays(options.runDays())))) {
                run.bundles().forEach(use -> recentlyRun.add(use.workflowId() + "/" + use.version()));
            }
        }
        Expected expected = new Expected();
        Set<String> usedKeys = new HashSet<>();
        new WorkflowVersions(store).visibleByWorkflow().forEach((id, newestFirst) -> {
            for (int index = 0; index < newestFirst.size(); index++) {
                int version = newestFirst.get(index);
                Manifest manifest = releases.manifest(id, version).orElseThrow();
                String name = id + "/" + version;
                boolean kept = state.active(id).map(active -> active == version).orElse(false)
                        || index < options.keep() || pinned.contains(name) || recentlyRun.contains(name)
                        || manifest.createdAt().isAfter(graceCutoff);
                (kept ? expected.keptVersions : expected.collectedVersions).add(name);
                if (kept) {
                    manifest.assets().forEach(asset -> usedKeys.add(asset.registryKey()));
                    manifest.files().forEach(file -> usedKeys.add(file.key()));
                }
            }
        });
        Map<String, Integer> newestPerLine = new HashMap<>();
        List<AssetBuild> builds = new AssetRegistry(store, DataflowLog.SILENT).list(AssetType.JAR, "jobs");
        builds.forEach(build -> newestPerLine.merge(build.id().branch(), build.id().build(), Math::max));
        for (AssetBuild build : builds) {
            boolean kept = usedKeys.contains(build.key()) || newestPerLine.get(build.id().branch()) == build.id().build()
                    || build.createdAt().isAfter(graceCutoff);
            if (!kept) {
                expected.collectedBuilds.add(build.id().format());
            }
        }
        for (var file : store.listObjects("files/")) {
            if (!usedKeys.contains(file.key()) && !file.lastModified().isAfter(graceCutoff)) {
                expected.collectedFiles.add(file.key());
            }
        }
        return expected;
    }

    private static final class Expected {
        final Set<String> keptVersions = new TreeSet<>();
        final Set<String> collectedVersions = new TreeSet<>();
        final Set<String> collectedBuilds = new TreeSet<>();
        final Set<String> collectedFiles = new TreeSet<>();
    }

    private List<String> allBuildMetadata() {
        return store.list("jars/").stream().filter(key -> key.endsWith(".meta.json")).toList();
    }

    private static Set<String> versions(GcReport report, GcReport.Action action) {
        return report.items(GcReport.Kind.VERSION, action).stream()
                .map(item -> item.workflowId() + "/" + item.version()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> names(GcReport report, GcReport.Kind kind, GcReport.Action action) {
        return report.items(kind, action).stream().map(GcReport.Item::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> reasons(GcReport report, String name) {
        return report.items().stream().filter(item -> item.name().equals(name)).findFirst().orElseThrow().reasons();
    }

    /** Every key of the registry with the sha256 of its bytes: equal trees, equal maps. */
    private Map<String, String> tree() {
        Map<String, String> tree = new TreeMap<>();
        for (String key : store.list("")) {
            tree.put(key, Sha256.of(store.read(key).orElseThrow()));
        }
        return tree;
    }
}
