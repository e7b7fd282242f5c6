package io.dataflow.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.BundleReader;
import io.dataflow.core.bundle.BundledFile;
import io.dataflow.core.bundle.Manifest;
import io.dataflow.core.bundle.Sha256;
import io.dataflow.core.fixtures.RecordingLog;
import io.dataflow.core.registry.AssetBuild;
import io.dataflow.core.registry.FileDigest;
import io.dataflow.core.registry.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Behaviour of releases, activations, rollback and history, run against every registry backend.
 */
abstract class ReleaseContractTest extends ReleaseTestBase {

    @Test
    void manifestRecordsEverythingTheVersionIsMadeOf() throws Exception {
        AssetBuild jar = asset("scala-workflow", 3, "jar bytes");
        BundledFile ddl = file("ddl/create_table.sql", "CREATE TABLE t (x INT)");
        String yaml = "Workflow:\n  id: daily\n  jar: " + jar.location() + "\n  ddl: " + store.locationOf(ddl.key()) + "\n";

        ReleasedWorkflow released = releaseOne(candidate("daily", yaml, List.of(jar, jar), List.of(ddl)));

        assertThat(released).isEqualTo(new ReleasedWorkflow("daily", "pipelines/daily.sch.yaml", 1, false, true));
        assertThat(released.summary()).isEqualTo("DEPLOYED AS daily version 1");
        ObjectMapper mapper = new ObjectMapper();
        JsonNode manifest = mapper.readTree(store.read("workflows/daily/versions/1/manifest.json").orElseThrow());
        String releaseId = manifest.get("releaseId").asText();
        String jarUuid = "dataflow.jar.scala-workflow.user.stranger-data.master.39206ee8.3";
        String expected = """
                {"schemaVersion":1,"workflowId":"daily","version":1,"releaseId":"%s",
                 "createdAt":"2026-11-21T12:00:00Z","deployer":"alice","toolVersion":"0.1.0-test",
                 "git":{"owner":"user","repo":"stranger-data","branch":"master","commit":"%s","dirty":false,
                        "remote":"https://github.com/user/stranger-data.git"},
                 "workflow":{"sourcePath":"pipelines/daily.sch.yaml",
                             "key":"workflows/daily/versions/1/workflow.sch.rendered.yaml","sha256":"%s","size":%d},
                 "assets":[{"uuid":"%s","registryKey":"jars/scala-workflow/user/stranger-data/master/39206ee8/3.jar",
                            "registryLocation":"%s","bundleKey":"workflows/daily/versions/1/assets/%s.jar",
                            "sha256":"%s","size":9}],
                 "files":[{"path":"ddl/create_table.sql","key":"%s",
                           "bundleKey":"workflows/daily/versions/1/files/ddl/create_table.sql","sha256":"%s","size":22}]}
                """.formatted(releaseId, COMMIT, Sha256.of(yaml.getBytes(StandardCharsets.UTF_8)), yaml.length(),
                jarUuid, jar.location(), jarUuid, Sha256.of("jar bytes".getBytes(StandardCharsets.UTF_8)),
                ddl.key(), ddl.sha256());
        assertThat(manifest).isEqualTo(mapper.readTree(expected));
        assertThat(releaseId).matches("[0-9a-f-]{36}");

        assertThat(store.read("workflows/daily/versions/1/workflow.sch.rendered.yaml").orElseThrow())
                .asString(StandardCharsets.UTF_8).isEqualTo(yaml);
        assertThat(store.read("workflows/daily/versions/1/assets/" + jarUuid + ".jar").orElseThrow())
                .asString(StandardCharsets.UTF_8).isEqualTo("jar bytes");
        assertThat(store.read("workflows/daily/versions/1/files/ddl/create_table.sql").orElseThrow())
                .asString(StandardCharsets.UTF_8).isEqualTo("CREATE TABLE t (x INT)");
        assertThat(store.read(ddl.key()).orElseThrow()).asString(StandardCharsets.UTF_8)
                .isEqualTo("CREATE TABLE t (x INT)");
        assertThat(ddl.key()).isEqualTo("files/" + ddl.sha256() + "/create_table.sql");

        JsonNode activation = mapper.readTree(store.read(activationKeys().get(0)).orElseThrow());
        assertThat(activationKeys()).containsExactly("activations/log/000000/000000000001.json");
        assertThat(activation.get("kind").asText()).isEqualTo("deploy");
        assertThat(activation.get("releaseId").asText()).isEqualTo(releaseId);
        assertThat(activation.get("commit").asText()).isEqualTo(COMMIT);
        assertThat(activation.get("workflows").toString()).isEqualTo("[{\"workflowId\":\"daily\",\"version\":1}]");
        assertThat(releases.activeVersion("daily")).contains(1);
    }

    @Test
    void assetsAreCopiedInsideTheStoreAndSharedFilesUploadedOnce() throws Exception {
        AssetBuild jar = asset("scala-workflow", 1, "x".repeat(100_000));
        BundledFile ddl = file("ddl/shared.sql", "select 1");
        long before = store.bytesSent();

        releases.release(List.of(candidate("first", "a", List.of(jar), List.of(ddl)),
                candidate("second", "b", List.of(jar), List.of(ddl))), context("master", "alice"));

        assertThat(store.bytesSent() - before).isEqualTo(ddl.size());
        assertThat(store.read("workflows/second/versions/1/assets/" + jar.id().format() + ".jar").orElseThrow())
                .hasSize(100_000);
    }

    @Test
    void aBundleDownloadsCompleteAndVerified() throws Exception {
        AssetBuild jar = asset("scala-workflow", 1, "jar bytes");
        BundledFile ddl = file("ddl/a.sql", "select 1");
        releaseOne(candidate("daily", "yaml", List.of(jar), List.of(ddl)));
        Manifest manifest = releases.manifest("daily", 1).orElseThrow();

        Path local = new BundleReader(store).download(manifest, work.resolve("bundle"));

        assertThat(local.resolve("workflow.sch.rendered.yaml")).hasContent("yaml");
        assertThat(local.resolve("assets/" + jar.id().format() + ".jar")).hasContent("jar bytes");
        assertThat(local.resolve("files/ddl/a.sql")).hasContent("select 1");
        assertThat(local.resolve("manifest.json")).exists();

        Path tampered = Files.writeString(work.resolve("tampered"), "other bytes");
        store.putFile(manifest.assets().get(0).bundleKey(), tampered, FileDigest.of(tampered));
        assertThatThrownBy(() -> new BundleReader(store).download(manifest, work.resolve("again")))
                .isInstanceOf(EnvironmentException.class).hasMessageContaining("does not match the sha256");
    }

    @Test
    void releasingTheSameContentAgainIsUnchanged() throws Exception {
        AssetBuild jar = asset("scala-workflow", 1, "v1");
        BundledFile ddl = file("ddl/a.sql", "select 1");
        WorkflowCandidate candidate = candidate("daily", "yaml", List.of(jar), List.of(ddl));
        releaseOne(candidate);
        List<String> keysAfterFirst = store.list("");

        ReleasedWorkflow second = releaseOne(candidate);

        assertThat(second).isEqualTo(new ReleasedWorkflow("daily", "pipelines/daily.sch.yaml", 1, true, false));
        assertThat(second.summary()).isEqualTo("UNCHANGED daily version 1");
        assertThat(store.list("")).isEqualTo(keysAfterFirst);
        assertThat(releases.history("daily").versions()).hasSize(1);
    }

    @Test
    void aChangedAssetMakesANewActiveVersion() {
        AssetBuild build1 = asset("scala-workflow", 1, "v1");
        AssetBuild build2 = asset("scala-workflow", 2, "v2");
        releaseOne(candidate("daily", "uses " + build1.location(), List.of(build1), List.of()));

        ReleasedWorkflow second = releaseOne(candidate("daily", "uses " + build2.location(), List.of(build2), List.of()));

        assertThat(second.version()).isEqualTo(2);
        assertThat(second.unchanged()).isFalse();
        assertThat(releases.activeVersion("daily")).contains(2);
        HistoryReport history = releases.history("daily");
        assertThat(history.versions()).extracting(HistoryReport.VersionEntry::version).containsExactly(2, 1);
        assertThat(history.versions().get(0).assets()).extracting(HistoryReport.AssetEntry::uuid)
                .containsExactly(build2.id().format());
        assertThat(history.versions().get(1).assets()).extracting(HistoryReport.AssetEntry::sha256)
                .containsExactly(build1.sha256());
    }

    @Test
    void aReleaseThatFailsBeforeItsActivationRecordActivatesNothing() {
        ObjectStore failing = new FaultInjectingStore(store,
                key -> key.equals(BundleLayout.manifestKey("second", 1)));
        WorkflowReleases failingReleases = new WorkflowReleases(failing, DataflowLog.SILENT);
        List<WorkflowCandidate> both = List.of(simple("first", "a"), simple("second", "b"));

        assertThatThrownBy(() -> failingReleases.release(both, context("master", "alice")))
                .isInstanceOf(EnvironmentException.class);

        assertThat(activationKeys()).isEmpty();
        assertThat(releases.activeVersion("first")).isEmpty();
        assertThat(releases.activeVersion("second")).isEmpty();
        // The complete bundle of "first" stays, visibly never activated; the half of "second" stays hidden.
        HistoryReport first = releases.history("first");
        assertThat(first.activeVersion()).isNull();
        assertThat(first.versions().get(0).activations()).isEmpty();
        assertThat(first.toText()).contains("      never activated");
        assertThatThrownBy(() -> releases.history("second")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("deployed workflows: first.");
        assertThat(releases.deployed().toText()).contains("-> first  no active version, newest version 1");

        List<ReleasedWorkflow> retried = releases.release(both, context("master", "alice"));

        assertThat(retried).containsExactly(
                new ReleasedWorkflow("first", "pipelines/first.sch.yaml", 1, true, true),
                new ReleasedWorkflow("second", "pipelines/second.sch.yaml", 2, false, true));
        assertThat(activationKeys()).hasSize(1);
        assertThat(releases.activeVersion("first")).contains(1);
        assertThat(releases.activeVersion("second")).contains(2);
    }

    @Test
    void badInputChangesNothingInTheRegistry() throws Exception {
        BundledFile ddl = file("ddl/a.sql", "select 1");
        Files.writeString(ddl.source(), "select 2");
        List<WorkflowCandidate> changedFile = List.of(simple("ok", "a"), candidate("bad", "b", List.of(), List.of(ddl)));

        assertThatThrownBy(() -> releases.release(changedFile, context("master", "alice")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("pipelines/bad.sch.yaml")
                .hasMessageContaining("run the deploy again");
        assertThatThrownBy(() -> releases.release(List.of(simple("same", "a"), simple("same", "b")),
                context("master", "alice"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rename one of them");
        assertThatThrownBy(() -> releases.release(List.of(simple("bad/id", "a")), context("master", "alice")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("pipelines/bad/id.sch.yaml");

        assertThat(store.list("")).isEmpty();
    }

    @Test
    void concurrentReleasesGetDistinctVersionsAndExactlyOneIsActive() throws Exception {
        int deployers = 12;
        CyclicBarrier start = new CyclicBarrier(deployers);
        ExecutorService pool = Executors.newFixedThreadPool(deployers);
        List<Future<ReleasedWorkflow>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < deployers; i++) {
                String yaml = "content of deployer " + i;
                futures.add(pool.submit(() -> {
                    WorkflowReleases own = new WorkflowReleases(store, DataflowLog.SILENT);
                    start.await();
                    return own.release(List.of(simple("daily", yaml)), context("master", "alice")).get(0);
                }));
            }
            Set<Integer> versions = new HashSet<>();
            for (Future<ReleasedWorkflow> future : futures) {
                versions.add(future.get().version());
            }
            assertThat(versions).containsExactlyInAnyOrderElementsOf(
                    IntStream.rangeClosed(1, deployers).boxed().toList());
        } finally {
            pool.shutdownNow();
        }

        assertThat(activationKeys()).hasSize(deployers);
        HistoryReport history = releases.history("daily", 0);
        assertThat(history.versions()).hasSize(deployers);
        assertThat(history.versions()).filteredOn(HistoryReport.VersionEntry::active).hasSize(1);
        assertThat(history.versions()).allSatisfy(v -> assertThat(v.activations()).hasSize(1));
        long newestSequence = history.versions().stream().flatMap(v -> v.activations().stream())
                .mapToLong(HistoryReport.ActivationEntry::sequence).max().orElseThrow();
        assertThat(newestSequence).isEqualTo(deployers);
        int activatedLast = history.versions().stream()
                .filter(v -> v.activations().get(0).sequence() == newestSequence).findFirst().orElseThrow().version();
        assertThat(history.activeVersion()).isEqualTo(activatedLast);
    }

    @Test
    void concurrentMultiWorkflowDeploysLeaveBothWorkflowsFromTheSameDeployActive() throws Exception {
        int deployers = 8;
        CyclicBarrier start = new CyclicBarrier(deployers);
        ExecutorService pool = Executors.newFixedThreadPool(deployers);
        try {
            List<Future<List<ReleasedWorkflow>>> futures = new ArrayList<>();
            for (int i = 0; i < deployers; i++) {
                List<WorkflowCandidate> pair = List.of(simple("extract", "extract " + i), simple("load", "load " + i));
                futures.add(pool.submit(() -> {
                    start.await();
                    return new WorkflowReleases(store, DataflowLog.SILENT).release(pair, context("master", "alice"));
                }));
            }
            for (Future<List<ReleasedWorkflow>> future : futures) {
                assertThat(future.get()).allSatisfy(released -> assertThat(released.activated()).isTrue());
            }
        } finally {
            pool.shutdownNow();
        }

        int extract = releases.activeVersion("extract").orElseThrow();
        int load = releases.activeVersion("load").orElseThrow();
        assertThat(releases.manifest("extract", extract).orElseThrow().releaseId())
                .isEqualTo(releases.manifest("load", load).orElseThrow().releaseId());
        assertThat(releases.history("extract").versions()).hasSize(deployers);
        assertThat(releases.history("load").versions()).hasSize(deployers);
    }

    @Test
    void rollbackStepsBackAndShowsInHistory() {
        for (int i = 1; i <= 3; i++) {
            releaseOne(simple("daily", "content " + i));
        }

        RollbackResult toTwo = releases.rollback("daily", null, "bob", NOW.plusSeconds(60));
        assertThat(toTwo).isEqualTo(new RollbackResult("daily", 3, 2, 4));
        assertThat(toTwo.summary()).isEqualTo("ROLLED BACK daily to version 2 (was version 3)");
        assertThat(releases.rollback("daily", null, "bob", NOW.plusSeconds(120)).version()).isEqualTo(1);
        assertThatThrownBy(() -> releases.rollback("daily", null, "bob", NOW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("dataflow.version");
        assertThat(releases.rollback("daily", 3, "carol", NOW.plusSeconds(180)).previousVersion()).isEqualTo(1);

        HistoryReport history = releases.history("daily");
        assertThat(history.activeVersion()).isEqualTo(3);
        assertThat(history.versions().get(0).activations()).extracting(HistoryReport.ActivationEntry::kind)
                .containsExactly(ActivationKind.ROLLBACK, ActivationKind.DEPLOY);
        assertThat(history.versions().get(1).activations()).containsExactly(
                new HistoryReport.ActivationEntry(4, ActivationKind.ROLLBACK, NOW.plusSeconds(60), "bob"),
                new HistoryReport.ActivationEntry(2, ActivationKind.DEPLOY, NOW, "alice"));
        assertThat(history.toText()).contains("      rollback (activation record #4)  2026-11-21T12:01:00Z  by bob");
        // Rolling back writes no bundle: only the activation log grew.
        assertThat(store.list("workflows/daily/versions/4/")).isEmpty();
    }

    @Test
    void textReportsPrintTimesToTheSecond() {
        releaseOne(simple("daily", "one"));
        releaseOne(simple("daily", "two"));
        releases.rollback("daily", 1, "bob", NOW.plusMillis(60_789).plusNanos(123));

        assertThat(releases.history("daily").toText()).contains("      rollback (activation record #3)  2026-11-21T12:01:00Z  by bob")
                .noneMatch(line -> line.contains(".789"));
        assertThat(releases.deployed().toText())
                .contains("-> daily  active version 1 since 2026-11-21T12:01:00Z, newest version 2");
    }

    @Test
    void defaultRollbackAfterADeployReturnsToTheLastGoodVersion() {
        releaseOne(simple("daily", "good"));
        releaseOne(simple("daily", "bad"));
        releases.rollback("daily", 1, "bob", NOW);
        releaseOne(simple("daily", "fixed"));

        assertThat(releases.rollback("daily", null, "bob", NOW).version()).isEqualTo(1);
    }

    @Test
    void redeployingContentThatWasRolledBackFromKeepsTheRollbackAndSaysHowToSwitch() {
        releaseOne(simple("daily", "one"));
        releaseOne(simple("daily", "two"));
        releases.rollback("daily", 1, "bob", NOW);
        RecordingLog recording = new RecordingLog();
        int records = activationKeys().size();

        ReleasedWorkflow redeployed = new WorkflowReleases(store, recording)
                .release(List.of(simple("daily", "two")), context("master", "alice")).get(0);

        assertThat(redeployed).isEqualTo(new ReleasedWorkflow("daily", "pipelines/daily.sch.yaml", 2, true, false, 1));
        assertThat(redeployed.summary()).isEqualTo("UNCHANGED daily version 2 (version 1 stays active)");
        assertThat(releases.activeVersion("daily")).contains(1);
        assertThat(activationKeys()).hasSize(records);
        assertThat(recording.warnings()).containsExactly("daily version 2 is unchanged but not active: version 1 is,"
                + " since activation record #3 (a rollback by bob). A deploy does not undo a rollback. To switch to version 2 on purpose, run"
                + " mvn dataflow:rollback -Ddataflow.workflow=daily -Ddataflow.version=2, or deploy again with"
                + " -Ddataflow.reactivate=true.");
    }

    @Test
    void reactivateSwitchesBackOnPurposeAndNewContentReleasesNormally() {
        releaseOne(simple("daily", "one"));
        releaseOne(simple("daily", "two"));
        releases.rollback("daily", 1, "bob", NOW);

        ReleasedWorkflow reactivated = releases.release(List.of(simple("daily", "two")), context("master", "alice"),
                new ReleaseOptions(false, true)).get(0);
        assertThat(reactivated).isEqualTo(new ReleasedWorkflow("daily", "pipelines/daily.sch.yaml", 2, true, true));
        assertThat(releases.activeVersion("daily")).contains(2);

        releases.rollback("daily", 1, "bob", NOW);
        ReleasedWorkflow fixed = releaseOne(simple("daily", "three"));
        assertThat(fixed).isEqualTo(new ReleasedWorkflow("daily", "pipelines/daily.sch.yaml", 3, false, true));
        assertThat(releases.activeVersion("daily")).contains(3);
    }

    @Test
    void deployingTheContentOfTheRolledBackToVersionChangesNothing() {
        releaseOne(simple("daily", "one"));
        releaseOne(simple("daily", "two"));
        releases.rollback("daily", 1, "bob", NOW);
        List<String> keys = store.list("");

        ReleasedWorkflow again = releaseOne(simple("daily", "one"));

        assertThat(again).isEqualTo(new ReleasedWorkflow("daily", "pipelines/daily.sch.yaml", 1, true, false));
        assertThat(store.list("")).isEqualTo(keys);
        assertThat(releases.activeVersion("daily")).contains(1);
    }

    @Test
    void aVersionThatWasNeverActivatedCanBeActivatedExplicitly() {
        releaseOne(simple("daily", "one"));
        WorkflowReleases failing = new WorkflowReleases(
                new FaultInjectingStore(store, key -> key.startsWith(ActivationLog.PREFIX)), DataflowLog.SILENT);
        assertThatThrownBy(() -> failing.release(List.of(simple("daily", "two")), context("master", "alice")))
                .isInstanceOf(EnvironmentException.class);
        assertThat(releases.activeVersion("daily")).contains(1);

        assertThat(releases.rollback("daily", 2, "bob", NOW).version()).isEqualTo(2);

        assertThat(releases.activeVersion("daily")).contains(2);
    }

    @Test
    void rollbackErrorsNameTheFix() {
        releaseOne(simple("daily", "one"));
        releaseOne(simple("daily", "two"));

        assertThatThrownBy(() -> releases.rollback("nightly", null, "bob", NOW))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Unknown workflow 'nightly' in dataflow.workflow; deployed workflows: daily.");
        assertThatThrownBy(() -> releases.rollback("daily", 7, "bob", NOW))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Workflow daily has no version 7 (dataflow.version); its versions are 2, 1.");
        assertThat(activationKeys()).hasSize(2);
    }

    @Test
    void rollingBackToTheActiveVersionIsIdempotent() {
        releaseOne(simple("daily", "one"));
        releaseOne(simple("daily", "two"));
        RollbackResult first = releases.rollback("daily", 1, "bob", NOW);
        List<String> keys = store.list("");

        RollbackResult second = releases.rollback("daily", 1, "bob", NOW);
        RollbackResult active = releases.rollback("daily", 1, "carol", NOW);

        assertThat(first.line()).isEqualTo("ROLLED BACK daily to version 1 (was version 2) (activation record #3).");
        assertThat(second).isEqualTo(new RollbackResult("daily", 1, 1, 3, false));
        assertThat(second.line()).isEqualTo("daily version 1 is already active; nothing changed.");
        assertThat(active.changed()).isFalse();
        assertThat(store.list("")).isEqualTo(keys);
    }

    @Test
    void branchDeploysNeverChangeWhatMainlineRuns() {
        releaseOne(simple("daily", "mainline"));

        List<ReleasedWorkflow> branch = releases.release(List.of(simple("daily", "experiment")),
                context("feature/x.y", "bob"));
        releases.release(List.of(simple("daily", "experiment 2")), context("feature/x.y", "bob"));

        assertThat(branch.get(0).summary()).isEqualTo("DEPLOYED AS daily@feature-x-y version 1");
        assertThat(releases.activeVersion("daily")).contains(1);
        assertThat(releases.history("daily").versions()).hasSize(1);
        assertThat(releases.activeVersion("daily@feature-x-y")).contains(2);
        assertThat(releases.history("daily@feature-x-y").versions().get(0).branch()).isEqualTo("feature/x.y");
        assertThat(releases.deployed().workflows()).containsExactly(
                new DeployedWorkflowsReport.WorkflowEntry("daily", "daily", null, 1, NOW, 1),
                new DeployedWorkflowsReport.WorkflowEntry("daily@feature-x-y", "daily", "feature-x-y", 2, NOW, 2));
        assertThat(releases.deployed().declaredAs(java.util.Set.of("daily")).workflows()).extracting("workflowId")
                .containsExactly("daily", "daily@feature-x-y");
        assertThat(releases.deployed().declaredAs(java.util.Set.of("hourly")).workflows()).isEmpty();
    }

    @Test
    void jsonAndTextReportsHaveTheDocumentedShape() throws Exception {
        AssetBuild jar = asset("scala-workflow", 1, "v1");
        releaseOne(candidate("daily", "one", List.of(jar), List.of()));
        releaseOne(simple("daily", "two"));
        releases.rollback("daily", null, "bob", NOW);
        ObjectMapper mapper = new ObjectMapper();

        JsonNode history = mapper.readTree(releases.history("daily").toJson());
        assertThat(history.get("schema").asText()).isEqualTo("dataflow.history/2");
        assertThat(history.get("allVersions").asBoolean()).isTrue();
        assertThat(history.get("allActivations").asBoolean()).isTrue();
        assertThat(history.get("damaged")).isEmpty();
        assertThat(history.get("workflowId").asText()).isEqualTo("daily");
        assertThat(history.get("activeVersion").asInt()).isEqualTo(1);
        JsonNode versionOne = history.get("versions").get(1);
        assertThat(versionOne.get("version").asInt()).isEqualTo(1);
        assertThat(versionOne.get("active").asBoolean()).isTrue();
        assertThat(versionOne.get("createdAt").asText()).isEqualTo("2026-11-21T12:00:00Z");
        assertThat(versionOne.get("commit").asText()).isEqualTo(COMMIT);
        assertThat(versionOne.get("assets").get(0).get("uuid").asText()).isEqualTo(jar.id().format());
        assertThat(versionOne.get("assets").get(0).get("sha256").asText()).isEqualTo(jar.sha256());
        assertThat(versionOne.get("activations").get(0).get("kind").asText()).isEqualTo("rollback");
        assertThat(versionOne.get("activations").get(1).get("kind").asText()).isEqualTo("deploy");

        JsonNode deployed = mapper.readTree(releases.deployed().toJson());
        assertThat(deployed.get("schema").asText()).isEqualTo("dataflow.workflows/2");
        assertThat(deployed.get("workflows").get(0).toString()).isEqualTo("{\"workflowId\":\"daily\",\"declaredWorkflowId\":\"daily\","
                + "\"branch\":null,\"activeVersion\":1,\"activatedAt\":\"2026-11-21T12:00:00Z\",\"newestVersion\":2}");

        assertThat(releases.history("daily").toText()).containsExactly(
                "Workflow daily: 2 versions, version 1 active.",
                "  version 2  2026-11-21T12:00:00Z  by alice  from master@39206ee8",
                "      deploy (activation record #2)  2026-11-21T12:00:00Z  by alice",
                "* version 1  2026-11-21T12:00:00Z  by alice  from master@39206ee8  ACTIVE",
                "      asset " + jar.id().format() + "  sha256 " + jar.sha256(),
                "      rollback (activation record #3)  2026-11-21T12:00:00Z  by bob",
                "      deploy (activation record #1)  2026-11-21T12:00:00Z  by alice",
                "Summary: 2 found.");
        assertThat(releases.deployed().toText()).containsExactly(
                "Deployed workflows:",
                "-> daily  active version 1 since 2026-11-21T12:00:00Z, newest version 2",
                "Summary: 1 found.");
    }
}
