package io.dataflow.core.maestro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.fixtures.RecordingLog;
import io.dataflow.core.project.ProjectOptions;
import io.dataflow.core.release.WorkflowReleases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push, activate, rollback and validate against a loopback server that answers like Maestro's API, with the SparkSQL
 * sample (main, daily with a trigger, backfill) deployed by the engine's own deploy into a local registry: exact
 * requests and bodies, Maestro's error message in the failure, the registry's activation unchanged after a failure,
 * and re-runs that push nothing twice.
 */
class MaestroPushTest {

    static final String MAIN = "stranger-data.top-titles-sql.main";
    static final String DAILY = "stranger-data.top-titles-sql.daily";
    static final String BACKFILL = "stranger-data.top-titles-sql.backfill";

    @TempDir
    Path temp;

    private FakeMaestro maestro;
    private ArchetypeSample sample;

    @BeforeEach
    void start() throws Exception {
        maestro = FakeMaestro.start();
        sample = ArchetypeSample.create("dataflow-archetype-sparksql", temp);
    }

    @AfterEach
    void stop() {
        sample.close();
        maestro.close();
    }

    private ProjectOptions withMaestro(String username, String password) {
        return sample.options().withMaestro(new MaestroOptions(MaestroMapping.defaults(),
                MaestroEndpoint.of(maestro.url(), username, password, ArchetypeSample.DEPLOYER, Duration.ofSeconds(20))));
    }

    private ProjectOptions withMaestro() {
        return withMaestro(null, null);
    }

    private List<String> changes() {
        return maestro.changes().stream().map(FakeMaestro.Request::toString).toList();
    }

    private Optional<Integer> registryActive(String workflowId) {
        return new WorkflowReleases(sample.store(), DataflowLog.SILENT).activeVersion(workflowId);
    }

    private MaestroExport export(String workflowId, int version) {
        return new MaestroExports(sample.store(), MaestroMapping.defaults()).ofVersion(workflowId, version);
    }

    private Map<String, String> registrySnapshot() throws Exception {
        Map<String, String> tree = new TreeMap<>();
        Path root = temp.resolve("registry");
        if (!Files.exists(root)) {
            return tree;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    tree.put(root.relativize(file).toString(), Files.readString(file));
                }
            }
        }
        return tree;
    }

    @Test
    void deployValidatesFirstThenPushesEveryVersionAndActivatesItInMaestro() {
        RecordingLog log = new RecordingLog();
        sample.deploy(withMaestro(), log);

        // Before anything is written: Maestro validates every workflow (the JSON request too for the trigger).
        assertThat(changes().subList(0, 4)).containsExactlyInAnyOrder(
                "PUT /api/v3/workflows/actions/validate/yaml", "PUT /api/v3/workflows/actions/validate/yaml",
                "PUT /api/v3/workflows/actions/validate/yaml", "PUT /api/v3/workflows/actions/validate");
        // Then the pushes: YAML for workflows without trigger, the JSON create request for daily; then activations.
        assertThat(changes().subList(4, 7)).containsExactlyInAnyOrder("POST /api/v3/workflows/yaml",
                "POST /api/v3/workflows/yaml", "POST /api/v3/workflows");
        assertThat(changes().subList(7, 10)).containsExactlyInAnyOrder(
                "PUT /api/v3/workflows/" + MAIN + "/versions/1/actions/activate",
                "PUT /api/v3/workflows/" + DAILY + "/versions/1/actions/activate",
                "PUT /api/v3/workflows/" + BACKFILL + "/versions/1/actions/activate");
        assertThat(changes()).hasSize(10);

        FakeMaestro.Request mainPush = maestro.requests().stream()
                .filter(request -> request.path().equals("/api/v3/workflows/yaml") && request.body().contains("\n  id: " + MAIN + "\n"))
                .findFirst().orElseThrow();
        assertThat(mainPush.contentType()).startsWith("application/yaml");
        assertThat(mainPush.body()).isEqualTo(export(MAIN, 1).yaml());
        assertThat(mainPush.user()).isEqualTo(ArchetypeSample.DEPLOYER);
        assertThat(mainPush.authorization()).isNull();
        FakeMaestro.Request dailyPush = maestro.requests().stream()
                .filter(request -> request.path().equals("/api/v3/workflows")).findFirst().orElseThrow();
        assertThat(dailyPush.contentType()).startsWith("application/json");
        assertThat(dailyPush.body()).isEqualTo(export(DAILY, 1).json()).contains("\"time_triggers\"")
                .contains("\"cron\" : \"0 6 * * *\"").contains("\"is_active\" : false");

        for (String id : List.of(MAIN, DAILY, BACKFILL)) {
            assertThat(maestro.active(id)).isEqualTo(1L);
            assertThat(registryActive(id)).contains(1);
            assertThat(sample.store().read("maestro/" + MaestroVersionRecords.serverKey(java.net.URI.create(maestro.url()))
                    + "/" + id + "/1.json")).isPresent();
        }
        assertThat(log.lines()).contains("Pushing Scheduler Workflows to Maestro at " + maestro.url() + ":",
                "-> " + MAIN + " version 1\u2026 PUSHED AS " + MAIN + " version 1",
                "-> " + MAIN + " version 1\u2026 ACTIVATED " + MAIN + " version 1 in Maestro");
    }

    @Test
    void runningTheSameDeployAgainPushesNothingAndOnlyActivatesTheRecordedVersions() {
        sample.deploy(withMaestro());
        maestro.clearRequests();

        sample.deploy(withMaestro());

        assertThat(changes()).doesNotContain("POST /api/v3/workflows/yaml", "POST /api/v3/workflows");
        assertThat(changes()).filteredOn(change -> change.endsWith("/actions/activate")).containsExactlyInAnyOrder(
                "PUT /api/v3/workflows/" + MAIN + "/versions/1/actions/activate",
                "PUT /api/v3/workflows/" + DAILY + "/versions/1/actions/activate",
                "PUT /api/v3/workflows/" + BACKFILL + "/versions/1/actions/activate");
        assertThat(maestro.versions(MAIN)).hasSize(1);
    }

    @Test
    void aChangedWorkflowBecomesTheNextMaestroVersionAndRollbackActivatesTheEarlierOne() throws Exception {
        sample.deploy(withMaestro());
        sample.change("main.sch.yaml", Files.readString(sample.root().resolve("main.sch.yaml"))
                .replace("TARGET_TABLE: top_titles", "TARGET_TABLE: top_titles_v2"));
        maestro.clearRequests();

        sample.deploy(withMaestro());

        assertThat(changes()).filteredOn(change -> change.startsWith("POST")).containsExactly("POST /api/v3/workflows/yaml");
        assertThat(maestro.versions(MAIN)).hasSize(2);
        assertThat(maestro.versions(MAIN).get(1).body()).isEqualTo(export(MAIN, 2).yaml()).contains("top_titles_v2");
        assertThat(maestro.active(MAIN)).isEqualTo(2L);
        assertThat(registryActive(MAIN)).contains(2);

        maestro.clearRequests();
        RecordingLog log = new RecordingLog();
        new WorkflowReleases(sample.store(), log, MaestroPublisher.listenerFor(sample.store(),
                withMaestro().maestro(), "jdoe", log)).rollback(MAIN, null, "jdoe", Instant.now());

        assertThat(changes()).containsExactly("PUT /api/v3/workflows/" + MAIN + "/versions/1/actions/activate");
        assertThat(maestro.requests()).extracting(FakeMaestro.Request::toString)
                .contains("GET /api/v3/workflows/" + MAIN + "/versions/1");
        assertThat(maestro.active(MAIN)).isEqualTo(1L);
        assertThat(registryActive(MAIN)).contains(1);
        assertThat(maestro.versions(MAIN)).hasSize(2);
    }

    @Test
    void rollingBackToAVersionMaestroNeverGotPushesItFirst() throws Exception {
        sample.deploy(sample.options());
        sample.change("main.sch.yaml", Files.readString(sample.root().resolve("main.sch.yaml"))
                .replace("TARGET_TABLE: top_titles", "TARGET_TABLE: top_titles_v2"));
        sample.deploy(sample.options());
        assertThat(maestro.requests()).isEmpty();

        RecordingLog log = new RecordingLog();
        new WorkflowReleases(sample.store(), log, MaestroPublisher.listenerFor(sample.store(),
                withMaestro().maestro(), "jdoe", log)).rollback(MAIN, 1, "jdoe", Instant.now());

        assertThat(changes()).containsExactly("POST /api/v3/workflows/yaml",
                "PUT /api/v3/workflows/" + MAIN + "/versions/1/actions/activate");
        assertThat(maestro.versions(MAIN)).singleElement().satisfies(version ->
                assertThat(version.body()).isEqualTo(export(MAIN, 1).yaml()));
        assertThat(registryActive(MAIN)).contains(1);
        assertThat(log.lines()).contains("-> " + MAIN + " version 1\u2026 PUSHED AS " + MAIN + " version 1");
    }

    @Test
    void aMaestroRefusalFailsTheDeployWithMaestrosMessageAndLeavesBothActivationsAsTheyWere() throws Exception {
        sample.deploy(withMaestro());
        sample.change("main.sch.yaml", Files.readString(sample.root().resolve("main.sch.yaml"))
                .replace("TARGET_TABLE: top_titles", "TARGET_TABLE: top_titles_v2"));
        int activationRecords = sample.store().list("activations/").size();
        maestro.refuse("POST", "/api/v3/workflows/yaml", 409, "CONFLICT", "Cannot push a version for workflow ["
                + MAIN + "] while the system is still deleting the old data for this workflow id.");

        assertThatThrownBy(() -> sample.deploy(withMaestro())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Cannot push a version for workflow [" + MAIN + "] while the system is still"
                        + " deleting the old data")
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("the registry's active versions did not change")
                .hasMessageContaining(MAIN + " version 1 active again");

        assertThat(registryActive(MAIN)).contains(1);
        assertThat(sample.store().list("activations/")).hasSize(activationRecords);
        assertThat(maestro.active(MAIN)).isEqualTo(1L);
        assertThat(maestro.versions(MAIN)).hasSize(1);

        // Once Maestro takes it, the same deploy finishes what the failed one started.
        maestro.stopRefusing();
        sample.deploy(withMaestro());
        assertThat(registryActive(MAIN)).contains(2);
        assertThat(maestro.active(MAIN)).isEqualTo(2L);
        assertThat(maestro.versions(MAIN)).hasSize(2);
    }

    @Test
    void whenAnActivationFailsTheWorkflowsAlreadyPushedAreActiveAgainInTheirEarlierMaestroVersion() throws Exception {
        sample.deploy(withMaestro());
        sample.change("main.sch.yaml", Files.readString(sample.root().resolve("main.sch.yaml"))
                .replace("TARGET_TABLE: top_titles", "TARGET_TABLE: top_titles_v2"));
        sample.change("backfill.sch.yaml", Files.readString(sample.root().resolve("backfill.sch.yaml"))
                .replace("\"2024-01-07\"]", "\"2024-01-07\", \"2024-01-08\"]"));
        maestro.refuse("PUT", "/api/v3/workflows/" + BACKFILL + "/versions/2/actions/activate", 500, "INTERNAL_ERROR",
                "database unavailable");

        assertThatThrownBy(() -> sample.deploy(withMaestro())).isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("database unavailable").hasMessageContaining("HTTP 500");

        // Maestro's YAML endpoint made both new versions active when they were pushed; both are put back.
        assertThat(maestro.versions(MAIN)).hasSize(2);
        assertThat(maestro.versions(BACKFILL)).hasSize(2);
        assertThat(maestro.active(MAIN)).isEqualTo(1L);
        assertThat(maestro.active(BACKFILL)).isEqualTo(1L);
        assertThat(registryActive(MAIN)).contains(1);
        assertThat(registryActive(BACKFILL)).contains(1);
    }

    @Test
    void aWorkflowMaestroRefusesToValidateStopsTheDeployBeforeAnythingIsWritten() throws Exception {
        Map<String, String> before = registrySnapshot();
        maestro.refuse("PUT", "/api/v3/workflows/actions/validate/yaml", 400, "BAD_REQUEST",
                "Invalid workflow definition", "workflow.steps[4].id [maestro id or name reference] is invalid");

        assertThatThrownBy(() -> sample.deploy(withMaestro())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Invalid workflow definition; workflow.steps[4].id [maestro id or name reference]"
                        + " is invalid")
                .hasMessageContaining("the registry was not changed");

        assertThat(registrySnapshot()).isEqualTo(before);
        assertThat(changes()).allMatch(change -> change.contains("/actions/validate"));
    }

    @Test
    void anUnreachableMaestroFailsFastBeforeAnythingIsWritten() throws Exception {
        Map<String, String> before = registrySnapshot();
        String url = maestro.url();
        maestro.close();
        ProjectOptions options = sample.options().withMaestro(new MaestroOptions(MaestroMapping.defaults(),
                MaestroEndpoint.of(url, null, null, "jdoe", Duration.ofSeconds(5))));
        long start = System.nanoTime();

        assertThatThrownBy(() -> sample.deploy(options)).isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("Maestro at " + url + " did not answer");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(registrySnapshot()).isEqualTo(before);
    }

    @Test
    void credentialsTravelOnlyInTheAuthorizationHeaderAndAWrongPasswordSaysWhereToFixIt() {
        maestro.requireBasicAuth("ci-bot", "s3cret-maestro-password");
        RecordingLog log = new RecordingLog();

        sample.deploy(withMaestro("ci-bot", "s3cret-maestro-password"), log);

        assertThat(maestro.requests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.authorization()).isEqualTo("Basic Y2ktYm90OnMzY3JldC1tYWVzdHJvLXBhc3N3b3Jk");
            assertThat(request.user()).isEqualTo("ci-bot");
            assertThat(request.body()).doesNotContain("s3cret-maestro-password");
        });
        assertThat(String.join("\n", log.lines()) + String.join("\n", log.debugLines()))
                .doesNotContain("s3cret-maestro-password");

        assertThatThrownBy(() -> sample.deploy(withMaestro("ci-bot", "wrong-password")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("HTTP 401")
                .hasMessageContaining("UNAUTHORIZED").hasMessageContaining("settings.xml <server>")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-password"));
    }

    @Test
    void aRecordedVersionMaestroNoLongerHoldsIsRefusedInsteadOfActivatingAnotherOne() {
        sample.deploy(withMaestro());
        maestro.reset();

        assertThatThrownBy(() -> sample.deploy(withMaestro())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("was pushed to Maestro as").hasMessageContaining("has no such version")
                .hasMessageContaining("Was Maestro's database reset?");

        assertThat(maestro.active(MAIN)).isNull();
        assertThat(maestro.changes()).noneMatch(request -> request.path().endsWith("/actions/activate")
                && !request.path().contains("/versions/1/"));
    }

    @Test
    void verifyWritesEveryExportNextToTheRenderedFilesAndAsksMaestroToValidateThem() throws Exception {
        RecordingLog log = new RecordingLog();
        sample.verify(withMaestro(), log);

        Path exports = sample.root().resolve("target/dataflow/maestro");
        assertThat(exports.resolve(MAIN + ".yaml")).exists();
        assertThat(exports.resolve(DAILY + ".yaml")).exists();
        assertThat(exports.resolve(DAILY + ".json")).exists();
        assertThat(exports.resolve(BACKFILL + ".yaml")).exists();
        String main = Files.readString(exports.resolve(MAIN + ".yaml"));
        assertThat(MaestroSchema.violations(main)).isEmpty();
        assertThat(main).contains("(preview: not released yet)").contains("dataflow_version(constant): 1")
                .contains("dataflow_bundle_digest(constant): pending")
                .contains("/workflows/" + MAIN + "/versions/1/files/ddl/create_target_table.sql");
        assertThat(changes()).containsExactlyInAnyOrder("PUT /api/v3/workflows/actions/validate/yaml",
                "PUT /api/v3/workflows/actions/validate/yaml", "PUT /api/v3/workflows/actions/validate/yaml",
                "PUT /api/v3/workflows/actions/validate");
        assertThat(maestro.requests()).filteredOn(request -> request.method().equals("PUT"))
                .anySatisfy(request -> assertThat(request.body()).isEqualTo(main));
        assertThat(log.lines()).contains("Validating Scheduler Workflows with Maestro at " + maestro.url() + ":",
                "-> ./main.sch.yaml\u2026 VALID");
        assertThat(sample.store().list("workflows/")).isEmpty();

        // After a deploy, an unchanged workflow previews the released version itself, digest included.
        sample.deploy(sample.options());
        sample.verify(sample.options(), DataflowLog.SILENT);
        assertThat(Files.readString(exports.resolve(MAIN + ".yaml"))).isEqualTo(export(MAIN, 1).yaml());
    }

    @Test
    void aScheduledWorkflowWhoseJobTemplatesHaveNoStepTypeIsExportedAsYamlOnlyAndNotPushed() throws Exception {
        sample.change("daily.sch.yaml", Files.readString(sample.root().resolve("daily.sch.yaml")).replace("\n  jobs:\n",
                "\n  jobs:\n    - job: {id: ddl, type: Spark, spark: {script: \"$S3{./ddl/create_target_table.sql}\"}}\n"));
        RecordingLog log = new RecordingLog();

        sample.verify(sample.options(), log);

        Path exports = sample.root().resolve("target/dataflow/maestro");
        assertThat(exports.resolve(DAILY + ".yaml")).exists();
        assertThat(exports.resolve(DAILY + ".json")).doesNotExist();
        assertThat(log.warnings()).anyMatch(line -> line.startsWith("-> ./daily.sch.yaml\u2026 YAML only")
                && line.contains("set <maestro><templateStepType>"));

        assertThatThrownBy(() -> sample.verify(withMaestro(), DataflowLog.SILENT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Job type 'Spark' (<maestro><sparkType>) is not one of Maestro's step types");
        assertThat(maestro.requests()).isEmpty();
    }

    @Test
    void withoutAUrlVerifyExportsButTalksToNoMaestro() throws Exception {
        sample.verify(sample.options(), DataflowLog.SILENT);

        assertThat(sample.root().resolve("target/dataflow/maestro/" + MAIN + ".yaml")).exists();
        assertThat(maestro.requests()).isEmpty();
    }

    @Test
    void aBranchDeployPushesBranchScopedMaestroWorkflowsThatCallTheBranchsOwnVersions() throws Exception {
        sample.deploy(withMaestro());
        sample.checkoutNewBranch("feature/x.y");
        maestro.clearRequests();

        sample.deploy(withMaestro());

        String branchDaily = DAILY + MaestroIds.BRANCH_INFIX + "feature-x-y";
        String branchMain = MAIN + MaestroIds.BRANCH_INFIX + "feature-x-y";
        assertThat(maestro.active(branchDaily)).isEqualTo(1L);
        assertThat(maestro.active(branchMain)).isEqualTo(1L);
        assertThat(maestro.versions(branchDaily).get(0).body()).contains("\"value\" : \"" + branchMain + "\"");
        // Mainline's Maestro workflows were not touched.
        assertThat(changes()).noneMatch(change -> change.contains("/" + MAIN + "/") || change.contains("/" + DAILY + "/"));
        assertThat(maestro.versions(MAIN)).hasSize(1);
    }
}
