package io.dataflow.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.fixtures.RecordingLog;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitOptions;
import io.dataflow.core.registry.LocalObjectStore;
import io.dataflow.core.release.ReleasedWorkflow;
import io.dataflow.core.release.WorkflowReleases;
import io.dataflow.core.sql.SqlAssetDeclaration;
import io.dataflow.core.workflow.ResolvedAsset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataflowProjectTest {

    @TempDir
    Path temp;

    private ProjectFixture fixture;
    private LocalObjectStore store;
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void createProject() throws Exception {
        fixture = ProjectFixture.create(temp.resolve("stranger-data"));
        store = new LocalObjectStore(temp.resolve("registry"));
    }

    @AfterEach
    void closeProject() {
        fixture.close();
    }

    private DataflowProject project() {
        return new DataflowProject(fixture.modules(), log);
    }

    private static ProjectOptions options() {
        return ProjectOptions.defaults();
    }

    @Test
    void listsComponentsBySectionWithPathsRelativeToTheWorkTree() throws Exception {
        // Files of target/ and of sub-modules belong to nobody else.
        fixture.write("flows/target/dataflow/stale.sch.yaml", ProjectFixture.REPORT_WORKFLOW);
        fixture.write("jobs/target/classes/copied.sch.yaml", ProjectFixture.REPORT_WORKFLOW);

        assertThat(project().components().toText()).containsExactly(
                "Python Assets:", "Summary: 0 found.",
                "SQL Assets:", "Summary: 0 found.",
                "JAR Assets:", "-> ./jobs/pom.xml", "Summary: 1 found.",
                "Scheduler Workflows:", "-> ./flows/main.sch.yaml", "-> ./flows/report.sch.yaml", "Summary: 2 found.");
    }

    @Test
    void theListingShowsEachWorkflowsIdAndTheFilesItShipsWithoutReadingARegistry() throws Exception {
        ProjectComponents listing = project().listing();

        assertThat(listing.toText()).containsExactly(
                "Python Assets:", "Summary: 0 found.",
                "SQL Assets:", "Summary: 0 found.",
                "(The SQL files the workflows ship with $S3{} are listed with each workflow below.)",
                "JAR Assets:", "-> ./jobs/pom.xml", "Summary: 1 found.",
                "Scheduler Workflows:",
                "-> ./flows/main.sch.yaml  (id " + ProjectFixture.MAIN_ID + ")", "     ships ./flows/ddl/x.sql",
                "-> ./flows/report.sch.yaml  (id " + ProjectFixture.REPORT_ID + ")",
                "Summary: 2 found.");
        assertThat(listing.workflowIds()).containsExactly(ProjectFixture.MAIN_ID, ProjectFixture.REPORT_ID);
        assertThat(listing.toJson()).contains("\"workflowId\" : \"" + ProjectFixture.MAIN_ID + "\"",
                "\"files\" : [ \"./flows/ddl/x.sql\" ]");
        assertThat(store.list("")).as("no registry was read or written").isEmpty();
    }

    @Test
    void listingNeedsNoBuiltJarButVerifyDoes() {
        List<ModuleSources> modules = fixture.modules();
        List<ModuleSources> unbuilt = List.of(modules.get(0),
                modules.get(1).withJar(new JarSource("jobs", null, null)), modules.get(2));
        DataflowProject project = new DataflowProject(unbuilt, log);

        assertThat(project.components().jarAssets()).extracting(Component::displayPath).containsExactly("./jobs/pom.xml");
        assertThatThrownBy(() -> project.verify(store, options())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("The JAR of module jobs has not been built");
    }

    @Test
    void listsPythonAndSqlAssetsOfTheirModules() throws Exception {
        fixture.copyPythonFixture("hello_world", "flows/hello_world");
        fixture.write("flows/sql/daily_orders.sql", "SELECT 1;\n");
        List<ModuleSources> modules = fixture.modules();
        ModuleSources flows = modules.get(2).withSqlAssets(List.of(new SqlAssetDeclaration("sql/daily_orders.sql", null)));

        ProjectComponents components =
                new DataflowProject(List.of(modules.get(0), modules.get(1), flows), log).components();

        assertThat(components.toText()).startsWith(
                "Python Assets:", "-> ./flows/hello_world/", "Summary: 1 found.",
                "SQL Assets:", "-> ./flows/sql/daily_orders.sql", "Summary: 1 found.");
        assertThat(components.namespaces(AssetType.WHL)).containsExactly("hello_world");
        assertThat(components.namespaces(AssetType.SQL)).containsExactly("daily_orders");
        assertThat(components.namespaces(AssetType.JAR)).containsExactly("jobs");

        JsonNode json = Json.mapper().readTree(components.toJson());
        assertThat(json.path("schema").asText()).isEqualTo("dataflow.components/1");
        assertThat(json.path("pythonAssets").get(0).toString()).isEqualTo(
                "{\"module\":\"flows\",\"type\":\"whl\",\"namespace\":\"hello_world\",\"path\":\"./flows/hello_world/\"}");
        assertThat(json.path("jarAssets").get(0).path("namespace").asText()).isEqualTo("jobs");
        assertThat(json.path("workflows").get(0).has("type")).isFalse();
        assertThat(json.path("workflows")).hasSize(2);
    }

    @Test
    void aNamespaceUsedTwiceInTheReactorNamesBothAssets() throws Exception {
        fixture.write("flows/sql/jobs.sql", "SELECT 1;\n");
        List<ModuleSources> modules = fixture.modules();
        ModuleSources flows = modules.get(2).withSqlAssets(List.of(new SqlAssetDeclaration("sql/jobs.sql", null)));

        DataflowProject project = new DataflowProject(List.of(modules.get(0), modules.get(1), flows), log);

        assertThatThrownBy(project::components).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Namespace 'jobs'")
                .hasMessageContaining("./flows/sql/jobs.sql")
                .hasMessageContaining("./jobs/pom.xml")
                .hasMessageContaining("Configure a distinct namespace");
    }

    @Test
    void outsideGitListingAndVerifyWorkWithAWarningButDeployAsksForGit() throws Exception {
        Path notGit = Files.createDirectories(temp.resolve("plain/project"));
        Files.writeString(notGit.resolve("main.sch.yaml"), """
                Workflow:
                  id: plain.main
                  jobs:
                    - job:
                        id: start
                        type: NoOp
                """);
        DataflowProject project = new DataflowProject(List.of(ModuleSources.of("plain", notGit)), log);
        Map<String, String> before = ProjectFixture.snapshot(store.rootDirectory());

        assertThat(project.components().toText()).contains("-> ./main.sch.yaml");
        VerifyReport report = project.verify(store, options());

        assertThat(report.workflows()).hasSize(1);
        assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("is not inside a git repository")
                .contains("git init"));
        assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("placeholder identity local/project"));
        assertThatThrownBy(() -> project.deploy(store, options())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(notGit.toString())
                .hasMessageContaining("not inside a git repository")
                .hasMessageContaining("git init");
        assertThat(ProjectFixture.snapshot(store.rootDirectory())).isEqualTo(before);
    }

    @Test
    void verifyRendersAgainstPendingBuildsAndWritesNothingToTheStore() throws Exception {
        Map<String, String> before = ProjectFixture.snapshot(store.rootDirectory());

        VerifyReport report = project().verify(store, options());

        assertThat(ProjectFixture.snapshot(store.rootDirectory())).isEqualTo(before);
        assertThat(report.workflows()).extracting(RenderedWorkflow::workflowId)
                .containsExactly(ProjectFixture.MAIN_ID, ProjectFixture.REPORT_ID);
        RenderedWorkflow main = report.workflows().get(0);
        assertThat(main.renderedFile()).isEqualTo(fixture.path("flows/target/dataflow/main.sch.rendered.yaml"));
        assertThat(main.assets()).singleElement().isInstanceOf(ResolvedAsset.Pending.class);
        String commit = main.assets().get(0).id().commit();
        String jarLocation = store.locationOf("jars/jobs/user/stranger-data/master/" + commit + "/1.jar");
        String sqlLocation = store.locationOf(main.files().get(0).key());
        assertThat(Files.readString(main.renderedFile()))
                .contains("jar: " + jarLocation)
                .contains("script: " + sqlLocation)
                .doesNotContain("${dataflow")
                .doesNotContain("$S3{");
        assertThat(sqlLocation).contains("/files/" + ProjectFixture.sha256(Files.readAllBytes(fixture.path("flows/ddl/x.sql"))));
        assertThat(log.lines()).containsSubsequence(
                "Building Scheduler Workflows:",
                "-> ./flows/main.sch.yaml\u2026 CREATED ./flows/target/dataflow/main.sch.rendered.yaml",
                "-> ./flows/report.sch.yaml\u2026 CREATED ./flows/target/dataflow/report.sch.rendered.yaml",
                "Summary: 2 successful, 0 failed.",
                "Testing Scheduler Workflows:",
                "-> ./flows/main.sch.yaml\u2026 PASSED",
                "-> ./flows/report.sch.yaml\u2026 PASSED",
                "Summary: 2 successful, 0 failed.");
    }

    @Test
    void deployReleasesNewVersionsWhenTheJarChanges() throws Exception {
        DeployReport first = project().deploy(store, options());
        fixture.writeJar("jar bytes, version 2");
        DeployReport second = project().deploy(store, options());

        String firstJar = first.assets().get(0).deployment().build().id().format();
        String secondJar = second.assets().get(0).deployment().build().id().format();
        assertThat(firstJar).startsWith("dataflow.jar.jobs.user.stranger-data.master.").endsWith(".1");
        assertThat(secondJar).endsWith(".2").isNotEqualTo(firstJar);
        assertThat(first.released()).extracting(ReleasedWorkflow::workflowId, ReleasedWorkflow::version)
                .containsExactly(tuple(ProjectFixture.MAIN_ID, 1), tuple(ProjectFixture.REPORT_ID, 1));
        assertThat(second.released()).extracting(ReleasedWorkflow::version, ReleasedWorkflow::unchanged)
                .containsExactly(tuple(2, false), tuple(2, false));
        assertThat(Files.readString(fixture.path("flows/target/dataflow/main.sch.rendered.yaml")))
                .contains(second.assets().get(0).deployment().build().location());
        assertThat(store.exists(second.workflows().get(0).files().get(0).key()))
                .as("the $S3{} file is stored where the rendered workflow points").isTrue();
        WorkflowReleases releases = new WorkflowReleases(store, log);
        assertThat(releases.activeVersion(ProjectFixture.MAIN_ID)).contains(2);
        assertThat(releases.manifest(ProjectFixture.MAIN_ID, 1).orElseThrow().assets())
                .extracting(asset -> asset.uuid()).containsExactly(firstJar);
        assertThat(log.lines()).containsSubsequence(
                "Deploying JAR Assets:",
                "-> ./jobs/pom.xml\u2026 DEPLOYED AS " + secondJar,
                "Summary: 1 successful, 0 failed.",
                "Sent 20 bytes to " + store.root().replaceFirst("/+$", "") + ".",
                "Building Scheduler Workflows:",
                "-> ./flows/main.sch.yaml\u2026 CREATED ./flows/target/dataflow/main.sch.rendered.yaml",
                "Deploying Scheduler Workflows:",
                "-> ./flows/main.sch.yaml\u2026 DEPLOYED AS stranger-data.main version 2",
                "-> ./flows/report.sch.yaml\u2026 DEPLOYED AS stranger-data.report version 2",
                "Summary: 2 successful, 0 failed.");
    }

    @Test
    void anUnchangedDeployReusesAssetsAndVersions() throws Exception {
        DeployReport first = project().deploy(store, options());
        log.clear();

        DeployReport again = project().deploy(store, options());

        assertThat(again.assets()).singleElement().satisfies(asset -> {
            assertThat(asset.deployment().unchanged()).isTrue();
            assertThat(asset.deployment().build().id()).isEqualTo(first.assets().get(0).deployment().build().id());
        });
        assertThat(again.bytesSent()).isZero();
        assertThat(again.released()).extracting(ReleasedWorkflow::version, ReleasedWorkflow::unchanged)
                .containsExactly(tuple(1, true), tuple(1, true));
        assertThat(log.lines()).contains(
                "-> ./jobs/pom.xml\u2026 UNCHANGED " + first.assets().get(0).deployment().build().id().format(),
                "-> ./flows/main.sch.yaml\u2026 UNCHANGED stranger-data.main version 1",
                "-> ./flows/report.sch.yaml\u2026 UNCHANGED stranger-data.report version 1",
                "Sent 0 bytes to " + store.root().replaceFirst("/+$", "") + " (already stored).");
    }

    @Test
    void aForcedBuildOfStoredBytesSaysTheyWereAlreadyStoredInsteadOfSendingThem() throws Exception {
        DeployReport first = project().deploy(store, options());
        log.clear();

        DeployReport forced = project().deploy(store, options().withForceBuild(true));

        String newBuild = forced.assets().get(0).deployment().build().id().format();
        assertThat(newBuild).isNotEqualTo(first.assets().get(0).deployment().build().id().format());
        assertThat(forced.bytesSent()).isZero();
        assertThat(log.lines()).containsSubsequence(
                "-> ./jobs/pom.xml\u2026 DEPLOYED AS " + newBuild,
                "Sent 0 bytes to " + store.root().replaceFirst("/+$", "") + " (already stored).");
    }

    @Test
    void aCycleFailsVerifyAndDeployWithoutChangingTheStore() throws Exception {
        project().deploy(store, options());
        fixture.writeJar("jar bytes, version 2");
        fixture.write("flows/cycle.sch.yaml", """
                Workflow:
                  id: stranger-data.cycle
                  dag:
                    - a -> b
                    - b -> a
                  jobs:
                    - job: {id: a, type: NoOp}
                    - job: {id: b, type: NoOp}
                """);
        Map<String, String> before = ProjectFixture.snapshot(store.rootDirectory());

        assertThatThrownBy(() -> project().verify(store, options())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1 problem in 1 workflow file")
                .hasMessageContaining("cycle.sch.yaml:");
        assertThatThrownBy(() -> project().deploy(store, options())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cycle.sch.yaml:")
                .hasMessageContaining("Nothing was deployed");

        assertThat(ProjectFixture.snapshot(store.rootDirectory())).isEqualTo(before);
        assertThat(log.lines()).contains("-> ./flows/cycle.sch.yaml\u2026 FAILED", "-> ./flows/main.sch.yaml\u2026 PASSED",
                "Summary: 2 successful, 1 failed.");
    }

    @Test
    void everyProblemOfEveryWorkflowIsReportedAndNothingIsDeployed() throws Exception {
        fixture.write("flows/main.sch.yaml", ProjectFixture.MAIN_WORKFLOW.replace("${dataflow.jar.jobs}",
                "${dataflow.jar.nowhere}"));
        fixture.write("flows/report.sch.yaml", ProjectFixture.REPORT_WORKFLOW.replace("report -> done", "report -> gone"));
        Map<String, String> before = ProjectFixture.snapshot(store.rootDirectory());

        assertThatThrownBy(() -> project().deploy(store, options())).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("2 problems in 2 workflow files")
                .hasMessageContaining("main.sch.yaml:19:")
                .hasMessageContaining("${dataflow.jar.nowhere}")
                .hasMessageContaining("report.sch.yaml:");

        assertThat(ProjectFixture.snapshot(store.rootDirectory())).isEqualTo(before);
        assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith("WARN    " + fixture.path("flows/main.sch.yaml")
                + ":19:"));
    }

    @Test
    void duplicateAndInvalidWorkflowIdsFailBeforeAnythingIsDeployed() throws Exception {
        fixture.write("flows/copy.sch.yaml", ProjectFixture.REPORT_WORKFLOW);
        fixture.write("flows/scoped.sch.yaml", ProjectFixture.REPORT_WORKFLOW.replace("stranger-data.report",
                "stranger-data.report@feature"));
        Map<String, String> before = ProjectFixture.snapshot(store.rootDirectory());

        assertThatThrownBy(() -> project().deploy(store, options())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("workflow id 'stranger-data.report' is also used by")
                .hasMessageContaining("'stranger-data.report@feature'");

        assertThat(ProjectFixture.snapshot(store.rootDirectory())).isEqualTo(before);
    }

    @Test
    void anUnbuiltJarFailsVerifyAndDeployBeforeTheStoreIsTouched() throws Exception {
        Files.delete(fixture.jar());
        Map<String, String> before = ProjectFixture.snapshot(store.rootDirectory());

        assertThatThrownBy(() -> project().deploy(store, options())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("The JAR of module jobs")
                .hasMessageContaining("mvn deploy");
        assertThatThrownBy(() -> project().verify(store, options())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("The JAR of module jobs");
        assertThat(ProjectFixture.snapshot(store.rootDirectory())).isEqualTo(before);
    }

    @Test
    void aFeatureBranchDeploysBranchScopedWorkflowsAndLeavesMainlineAlone() throws Exception {
        DeployReport mainline = project().deploy(store, options());
        fixture.checkoutNewBranch("feature/faster.x");
        fixture.writeJar("jar bytes, feature");
        log.clear();

        DeployReport feature = project().deploy(store, options());

        assertThat(feature.git().mainBranch()).isEqualTo("master");
        assertThat(feature.assets().get(0).deployment().build().id().format())
                .startsWith("dataflow.jar.jobs.user.stranger-data.feature-faster-x.").endsWith(".1");
        assertThat(feature.released()).extracting(ReleasedWorkflow::workflowId, ReleasedWorkflow::version)
                .containsExactly(tuple("stranger-data.main@feature-faster-x", 1),
                        tuple("stranger-data.report@feature-faster-x", 1));
        WorkflowReleases releases = new WorkflowReleases(store, log);
        assertThat(releases.activeVersion(ProjectFixture.MAIN_ID)).contains(1);
        assertThat(releases.manifest(ProjectFixture.MAIN_ID, 1).orElseThrow().assets()).extracting(a -> a.uuid())
                .containsExactly(mainline.assets().get(0).deployment().build().id().format());
        assertThat(Files.readString(fixture.path("flows/target/dataflow/main.sch.rendered.yaml")))
                .contains("/jars/jobs/user/stranger-data/feature-faster-x/");
        assertThat(log.lines()).contains(
                "-> ./flows/main.sch.yaml\u2026 DEPLOYED AS stranger-data.main@feature-faster-x version 1");
    }

    @Test
    void aBranchWithoutItsOwnBuildResolvesLatestReferencesToMainline() throws Exception {
        DeployReport mainline = project().deploy(store, options());
        fixture.checkoutNewBranch("feature/docs");
        // this branch's reactor no longer builds the jar: the reference must fall back to mainline's build
        List<ModuleSources> modules = fixture.modules();
        List<ModuleSources> withoutJar = List.of(modules.get(0), modules.get(1).withJar(null), modules.get(2));

        DeployReport feature = new DataflowProject(withoutJar, log).deploy(store, options());

        assertThat(feature.assets()).isEmpty();
        assertThat(feature.workflows().get(0).assets()).extracting(ResolvedAsset::id)
                .containsExactly(mainline.assets().get(0).deployment().build().id());
    }

    @Test
    void parameterOverridesAppearInTheRenderedWorkflow() throws Exception {
        ProjectOptions prod = options().withParamOverrides(Map.of("TARGET_DB", "prod_db", "NOT_A_PARAM", "x"));

        project().verify(store, prod);
        DeployReport report = project().deploy(store, prod);

        assertThat(report.workflows().get(0).renderedText()).contains("TARGET_DB: prod_db")
                .doesNotContain("sandbox");
        assertThat(Files.readString(fixture.path("flows/target/dataflow/main.sch.rendered.yaml")))
                .contains("TARGET_DB: prod_db");
        assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("NOT_A_PARAM")
                .contains("match no parameter of any workflow"));
    }

    @Test
    void theMainlineBranchCanBeConfigured() throws Exception {
        ProjectOptions developAsMainline = options().withGit(new GitOptions(null, "develop", null, null, Map.of()));

        DeployReport report = project().deploy(store, developAsMainline);

        assertThat(report.git().mainBranch()).isEqualTo("develop");
        assertThat(report.released()).extracting(ReleasedWorkflow::workflowId)
                .containsExactly("stranger-data.main@master", "stranger-data.report@master");
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
