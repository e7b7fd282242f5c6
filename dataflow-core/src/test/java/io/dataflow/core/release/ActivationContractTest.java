package io.dataflow.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.fixtures.RecordingLog;
import io.dataflow.core.registry.CountingStore;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.PreUpgradeStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The activation log under concurrency, damage, long histories and upgrades: compare-and-set decisions, rollback
 * idempotence, the listener seam, bounded cost, and logs written before records carried state. Every backend.
 */
abstract class ActivationContractTest extends ReleaseTestBase {

    private static final Pattern LOST = Pattern.compile("while it was deciding, activation record #(\\d+) \\(a (deploy|rollback) by \\S+\\) made"
            + " version (\\d+) active");

    private void deploy(int versions) {
        for (int i = 1; i <= versions; i++) {
            releaseOne(simple("daily", "content " + i));
        }
    }

    /** Every activation of daily as the log records it: sequence -> version. */
    private Map<Long, Integer> activationsOfDaily() {
        return releases.history("daily", 0).versions().stream().flatMap(version -> version.activations().stream()
                        .map(activation -> Map.entry(activation.sequence(), version.version())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void aRollbackThatWinsTheRaceIsReplacedByTheDeployThatDecidesAgainAndSaysSo() {
        deploy(2);
        RecordingLog deployLog = new RecordingLog();
        AtomicInteger decisions = new AtomicInteger();
        RollbackResult[] rollback = new RollbackResult[1];
        // The rollback lands between the deploy's decision and its claim of the next number.
        WorkflowReleases deployer = new WorkflowReleases(store, deployLog, (kind, versions) -> {
            if (decisions.incrementAndGet() == 1) {
                rollback[0] = releases.rollback("daily", 1, "bob", NOW);
            }
        });

        ReleasedWorkflow deployed = deployer.release(List.of(simple("daily", "content 3")), context("master", "alice"))
                .get(0);

        assertThat(decisions).hasValue(2);
        assertThat(rollback[0].line()).isEqualTo("ROLLED BACK daily to version 1 (was version 2) (activation record #3).");
        assertThat(deployed).isEqualTo(new ReleasedWorkflow("daily", "pipelines/daily.sch.yaml", 3, false, true));
        assertThat(deployLog.lines()).contains("Activated 1 workflow version(s) together (activation record #4).",
                "WARN While this deploy ran, activation record #3 (a rollback by bob) made version 1 of daily active; this deploy's version 3"
                        + " replaced it (activation record #4).");
        assertThat(releases.activeVersion("daily")).contains(3);
        assertThat(activationsOfDaily()).containsEntry(3L, 1).containsEntry(4L, 3);
    }

    @Test
    void aRollbackThatLosesTheRaceToADeployChangesNothingAndNamesWhatBecameActive() {
        deploy(2);
        AtomicInteger decisions = new AtomicInteger();
        WorkflowReleases rollbacker = new WorkflowReleases(store, DataflowLog.SILENT, (kind, versions) -> {
            if (decisions.incrementAndGet() == 1) {
                releaseOne(simple("daily", "content 3"));
            }
        });

        assertThatThrownBy(() -> rollbacker.rollback("daily", 1, "bob", NOW))
                .isInstanceOf(ActivationConflictException.class)
                .hasMessage("Rollback of daily to version 1 did not happen: while it was deciding, activation record #3 (a deploy by alice)"
                        + " made version 3 active. That version stays active; nothing was changed. Run the rollback"
                        + " again if version 1 should still replace it.");
        assertThat(decisions).hasValue(1);
        assertThat(releases.activeVersion("daily")).contains(3);
        assertThat(activationKeys()).hasSize(3);
    }

    @Test
    void aDeployAndARollbackRacingEndInAStateBothDescribe() throws Exception {
        deploy(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                String content = "content " + (10 + round);
                Future<ReleasedWorkflow> deploy = pool.submit(() -> {
                    start.await();
                    return new WorkflowReleases(store, DataflowLog.SILENT)
                            .release(List.of(simple("daily", content)), context("master", "alice")).get(0);
                });
                Future<RollbackResult> rollback = pool.submit(() -> {
                    start.await();
                    return new WorkflowReleases(store, DataflowLog.SILENT).rollback("daily", 1, "bob", NOW);
                });
                ReleasedWorkflow deployed = deploy.get();
                Map<Long, Integer> log = activationsOfDaily();
                long deploySequence = log.entrySet().stream().filter(e -> e.getValue() == deployed.version())
                        .mapToLong(Map.Entry::getKey).max().orElseThrow();
                try {
                    RollbackResult result = rollback.get();
                    // It won: its record precedes the deploy's, which then decided again and replaced it.
                    assertThat(result.changed()).isTrue();
                    assertThat(log).containsEntry(result.sequence(), 1);
                    assertThat(result.sequence()).isLessThan(deploySequence);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ActivationConflictException.class);
                    Matcher lost = LOST.matcher(e.getCause().getMessage());
                    assertThat(lost.find()).as(e.getCause().getMessage()).isTrue();
                    assertThat(Long.parseLong(lost.group(1))).isEqualTo(deploySequence);
                    assertThat(Integer.parseInt(lost.group(3))).isEqualTo(deployed.version());
                }
                assertThat(deployed.activated()).isTrue();
                assertThat(releases.activeVersion("daily")).contains(deployed.version());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Rolls daily back to each target at once, one thread each; every result, or what each threw. */
    private List<Object> rollbackConcurrently(List<Integer> targets) throws Exception {
        CyclicBarrier start = new CyclicBarrier(targets.size());
        ExecutorService pool = Executors.newFixedThreadPool(targets.size());
        try {
            List<Future<RollbackResult>> futures = new ArrayList<>();
            for (int target : targets) {
                futures.add(pool.submit(() -> {
                    WorkflowReleases own = new WorkflowReleases(store, DataflowLog.SILENT);
                    start.await();
                    return own.rollback("daily", target, "user" + target, NOW);
                }));
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<RollbackResult> future : futures) {
                try {
                    outcomes.add(future.get());
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eightConcurrentRollbacksEndInAStateEveryOutputDescribes() throws Exception {
        deploy(9);

        List<Object> outcomes = rollbackConcurrently(List.of(1, 2, 3, 4, 5, 6, 7, 8));

        Map<Long, Integer> log = activationsOfDaily();
        List<RollbackResult> succeeded = outcomes.stream().filter(RollbackResult.class::isInstance)
                .map(RollbackResult.class::cast).toList();
        assertThat(succeeded).isNotEmpty().allSatisfy(result -> assertThat(result.changed()).isTrue());
        // Each success names its own record and the version its record replaced.
        for (RollbackResult result : succeeded) {
            assertThat(log).containsEntry(result.sequence(), result.version());
            long before = log.keySet().stream().filter(sequence -> sequence < result.sequence())
                    .mapToLong(Long::longValue).max().orElseThrow();
            assertThat(result.previousVersion()).isEqualTo(log.get(before));
        }
        // Each loser names a record that exists and the version it activated.
        outcomes.stream().filter(outcome -> !(outcome instanceof RollbackResult)).forEach(failure -> {
            assertThat(failure).isInstanceOf(ActivationConflictException.class);
            Matcher lost = LOST.matcher(((Throwable) failure).getMessage());
            assertThat(lost.find()).as(((Throwable) failure).getMessage()).isTrue();
            assertThat(log).containsEntry(Long.parseLong(lost.group(1)), Integer.parseInt(lost.group(3)));
        });
        assertThat(activationKeys()).hasSize(9 + succeeded.size());
        long newest = log.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(releases.activeVersion("daily")).contains(log.get(newest));
    }

    @Test
    void concurrentRollbacksToTheSameVersionActivateItOnceOrSayItIsActive() throws Exception {
        deploy(3);

        List<Object> outcomes = rollbackConcurrently(List.of(1, 1, 1, 1, 1, 1, 1, 1));

        assertThat(outcomes).allMatch(RollbackResult.class::isInstance);
        List<RollbackResult> results = outcomes.stream().map(RollbackResult.class::cast).toList();
        assertThat(results.stream().filter(RollbackResult::changed)).hasSize(1);
        assertThat(activationKeys()).hasSize(4);
        assertThat(results).allSatisfy(result -> assertThat(result.sequence()).isEqualTo(4));
        assertThat(results.stream().filter(result -> !result.changed()).map(RollbackResult::line))
                .allMatch(line -> line.equals("daily version 1 is already active; nothing changed."));
    }

    @Test
    void aListenerThatFailsLeavesTheActiveVersionsAsTheyWere() {
        deploy(2);
        WorkflowReleases refusing = new WorkflowReleases(store, DataflowLog.SILENT, (kind, versions) -> {
            throw new EnvironmentException("the scheduler refused " + kind.id() + " of " + versions);
        });

        assertThatThrownBy(() -> refusing.release(List.of(simple("daily", "content 3")), context("master", "alice")))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("the scheduler refused deploy of [Entry[workflowId=daily, version=3]]");
        assertThatThrownBy(() -> refusing.rollback("daily", 1, "bob", NOW))
                .hasMessage("the scheduler refused rollback of [Entry[workflowId=daily, version=1]]");

        assertThat(releases.activeVersion("daily")).contains(2);
        assertThat(activationKeys()).hasSize(2);
        assertThat(releases.history("daily").versions().get(0).activations()).isEmpty();
    }

    @Test
    void theCostOfDeployRollbackHistoryAndStateDoesNotGrowWithTheLog() {
        Map<String, Long> small = costs(8);
        Map<String, Long> large = costs(260);

        assertThat(large).isEqualTo(small);
    }

    /** Requests of each operation after 12 deploys and {@code rollbacks} more activations, on a fresh registry. */
    private Map<String, Long> costs(int rollbacks) {
        ObjectStore fresh = newStoreUnchecked();
        try {
            WorkflowReleases seeding = new WorkflowReleases(fresh, DataflowLog.SILENT);
            for (int i = 1; i <= 12; i++) {
                seeding.release(List.of(simple("daily", "content " + i), simple("other", "other " + i)),
                        context("master", "alice"));
            }
            HistorySeeder.alternatingRollbacks(fresh, "daily", 11, 12, rollbacks, COMMIT, NOW);
            CountingStore counting = new CountingStore(fresh);
            WorkflowReleases measured = new WorkflowReleases(counting, DataflowLog.SILENT);
            Map<String, Long> costs = new java.util.TreeMap<>();
            measured.activationState();
            costs.put("state", counting.total());
            counting.reset();
            assertThat(measured.history("daily").versions()).hasSize(WorkflowReleases.DEFAULT_HISTORY_LIMIT);
            costs.put("history", counting.total());
            counting.reset();
            measured.rollback("daily", null, "bob", NOW);
            costs.put("rollback", counting.total());
            counting.reset();
            measured.release(List.of(simple("daily", "content new"), simple("other", "other 12")),
                    context("master", "alice"));
            costs.put("deploy", counting.total());
            return costs;
        } finally {
            fresh.close();
        }
    }

    private ObjectStore newStoreUnchecked() {
        try {
            return newStore(work.resolve("registry-" + System.nanoTime()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theNewestRecordIsFoundAcrossFoldersAlsoWhenAFolderMarkerIsMissing() {
        deploy(2);
        HistorySeeder.alternatingRollbacks(store, "daily", 1, 2, 97, COMMIT, NOW);
        // Record 100 opens the second folder; its writer "dies" before creating the folder's marker.
        ObjectStore withoutMarkers = new PreUpgradeStore(store, key -> key.startsWith(ActivationLog.EPOCHS));
        new WorkflowReleases(withoutMarkers, DataflowLog.SILENT).rollback("daily", 2, "bob", NOW);
        assertThat(store.list(ActivationLog.EPOCHS)).isEmpty();
        assertThat(store.exists(ActivationLog.key(100))).isTrue();

        assertThat(releases.activationState().sequence()).isEqualTo(100);
        assertThat(releases.activeVersion("daily")).contains(2);
        assertThat(releases.rollback("daily", 1, "carol", NOW).sequence()).isEqualTo(101);
        assertThat(store.list(ActivationLog.EPOCHS)).containsExactly("activations/epochs/000001.json");
        assertThat(activationKeys()).hasSize(101).last().isEqualTo("activations/log/000001/000000000101.json");
        assertThat(releases.history("daily").versions().get(1).activations().get(0).sequence()).isEqualTo(101);
    }

    @Test
    void manyWorkflowsAreCheckpointedInASnapshotAndAMissingSnapshotIsRebuiltFromTheLog() {
        List<WorkflowCandidate> many = new ArrayList<>();
        for (int i = 0; i < ActivationLog.MAX_CHANGES + 8; i++) {
            many.add(simple("flow" + i, "flow " + i));
        }
        releases.release(many, context("master", "alice"));
        // The second record would repeat 41 entries: its writer stores a snapshot of the first record's state.
        ObjectStore withoutSnapshots = new PreUpgradeStore(store, key -> key.startsWith(ActivationLog.SNAPSHOTS));
        new WorkflowReleases(withoutSnapshots, DataflowLog.SILENT)
                .release(List.of(simple("flow0", "flow 0, changed")), context("master", "alice"));
        assertThat(store.list(ActivationLog.SNAPSHOTS)).isEmpty();

        ActivationState state = releases.activationState();
        assertThat(state.workflows()).hasSize(ActivationLog.MAX_CHANGES + 8);
        assertThat(state.active("flow0")).contains(2);
        assertThat(state.active("flow39")).contains(1);
        assertThat(state.damaged()).extracting(DamagedRecord::key).containsExactly(ActivationLog.snapshotKey(1));

        // The next writer does not build on the rebuilt state again: it stores a snapshot of it.
        releases.release(List.of(simple("flow1", "flow 1, changed")), context("master", "alice"));
        assertThat(store.list(ActivationLog.SNAPSHOTS)).containsExactly(ActivationLog.snapshotKey(2));
        assertThat(releases.activationState().damaged()).isEmpty();
        assertThat(releases.activationState().active("flow1")).contains(2);
        assertThat(releases.activationState().active("flow0")).contains(2);
    }

    @Test
    void aDamagedActivationRecordIsSkippedAndReportedByKey() {
        deploy(2);
        store.createIfAbsent(ActivationLog.key(3), "{\"schemaVersion\":2,\"sequence\":3,\"ki".getBytes(StandardCharsets.UTF_8));
        String damagedLocation = store.locationOf(ActivationLog.key(3));

        ActivationState state = releases.activationState();
        assertThat(state.sequence()).isEqualTo(3);
        assertThat(state.active("daily")).contains(2);
        assertThat(state.damaged()).singleElement().satisfies(damaged -> {
            assertThat(damaged.key()).isEqualTo(ActivationLog.key(3));
            assertThat(damaged.problem()).startsWith("not a readable activation record");
        });
        assertThat(releases.history("daily").toText()).contains("! skipped damaged " + damagedLocation
                + " (" + state.damaged().get(0).problem() + ")");
        assertThat(releases.damagedRecords()).extracting(DamagedRecord::key).containsExactly(ActivationLog.key(3));

        RecordingLog log = new RecordingLog();
        ReleasedWorkflow third = new WorkflowReleases(store, log).release(List.of(simple("daily", "content 3")),
                context("master", "alice")).get(0);
        assertThat(third.version()).isEqualTo(3);
        assertThat(log.warnings()).anyMatch(line -> line.startsWith("Skipped damaged activation record "
                + damagedLocation));
        assertThat(releases.activationState().sequence()).isEqualTo(4);
        assertThat(releases.rollback("daily", null, "bob", NOW).version()).isEqualTo(2);
    }

    @Test
    void aDamagedManifestIsSkippedInHistoryAndItsVersionCannotBeActivated() {
        deploy(1);
        store.createIfAbsent(BundleLayout.claimKey("daily", 2), "{}".getBytes(StandardCharsets.UTF_8));
        store.createIfAbsent(BundleLayout.manifestKey("daily", 2), "{\"schemaVersion\":1,\"workf".getBytes(
                StandardCharsets.UTF_8));
        String manifest = store.locationOf(BundleLayout.manifestKey("daily", 2));

        HistoryReport history = releases.history("daily");
        assertThat(history.versions()).extracting(HistoryReport.VersionEntry::version).containsExactly(1);
        assertThat(history.damaged()).extracting(DamagedRecord::location).containsExactly(manifest);
        assertThatThrownBy(() -> releases.rollback("daily", 2, "bob", NOW))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageStartingWith("Manifest " + manifest + " (not a readable manifest: ")
                .hasMessageContaining("of daily version 2 cannot be used");
        assertThat(releases.damagedRecords()).extracting(DamagedRecord::location).containsExactly(manifest);

        ReleasedWorkflow next = releaseOne(simple("daily", "content 2"));
        assertThat(next.version()).isEqualTo(3);
        assertThat(releases.activeVersion("daily")).contains(3);
    }

    @Test
    void aLogWrittenBeforeRecordsCarriedStateIsContinuedAndFencedOffFromOlderTools() throws Exception {
        // An older Dataflow released two versions and rolled back; it wrote activations/<sequence>.json only.
        ObjectStore old = new PreUpgradeStore(store, PreUpgradeStore.NEWER_RECORDS);
        WorkflowReleases oldReleases = new WorkflowReleases(old, DataflowLog.SILENT);
        oldReleases.release(List.of(simple("daily", "content 1")), context("master", "alice"));
        oldReleases.release(List.of(simple("daily", "content 2")), context("master", "alice"));
        writeOldRecord(1, ActivationKind.DEPLOY, 1);
        writeOldRecord(2, ActivationKind.DEPLOY, 2);
        writeOldRecord(3, ActivationKind.ROLLBACK, 1);

        assertThat(releases.activeVersion("daily")).contains(1);
        assertThat(releases.history("daily").versions().get(1).activations())
                .extracting(HistoryReport.ActivationEntry::sequence).containsExactly(3L, 1L);

        ReleasedWorkflow third = releaseOne(simple("daily", "content 3"));

        assertThat(third.version()).isEqualTo(3);
        assertThat(activationKeys()).containsExactly("activations/log/000000/000000000004.json");
        assertThat(store.list(ActivationLog.SNAPSHOTS)).containsExactly(ActivationLog.snapshotKey(3));
        assertThat(releases.activeVersion("daily")).contains(3);
        assertThat(releases.history("daily", 0).versions()).extracting(v -> v.activations().size())
                .containsExactly(1, 1, 2);
        assertThat(releases.rollback("daily", null, "bob", NOW).version()).isEqualTo(1);
        // A tool that reads activations/<sequence>.json fails on the fence instead of forking the log.
        assertThatThrownBy(() -> Json.read(store.read(ActivationLog.FENCE).orElseThrow(), ActivationRecord.class,
                store.locationOf(ActivationLog.FENCE))).isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("REGISTRY-UPGRADED-USE-A-NEWER-DATAFLOW-PLUGIN");
    }

    private void writeOldRecord(long sequence, ActivationKind kind, int version) {
        ActivationRecord record = new ActivationRecord(1, sequence, kind, NOW, "alice", COMMIT, "release-" + sequence,
                List.of(new ActivationRecord.Entry("daily", version)));
        byte[] bytes = Json.bytes(record);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("changes\":{");
        assertThat(store.createIfAbsent(ActivationLog.legacyKey(sequence), bytes)).isTrue();
    }
}
