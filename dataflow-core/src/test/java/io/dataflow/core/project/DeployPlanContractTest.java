package io.dataflow.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.fixtures.RecordingLog;
import io.dataflow.core.identity.GitOptions;
import io.dataflow.core.project.DeployPlan.AssetEntry;
import io.dataflow.core.project.DeployPlan.AssetStatus;
import io.dataflow.core.project.DeployPlan.WorkflowEntry;
import io.dataflow.core.project.DeployPlan.WorkflowStatus;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.release.ReleasedWorkflow;
import io.dataflow.core.release.WorkflowReleases;
import io.dataflow.core.sql.SqlAssetDeclaration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dataflow:plan} against registries prepared by real deploys of a real git repository: it predicts exactly
 * what the next deploy then does (asset builds, workflow versions, activations, refusals with the deploy's own
 * messages) and writes nothing. One subclass per registry backend.
 */
abstract class DeployPlanContractTest {

    private static final String MAIN_WITH_SQL = ProjectFixture.MAIN_WORKFLOW.replace("script: $S3{./ddl/x.sql}",
            "script: ${dataflow.sql.daily}");

    @TempDir
    Path temp;

    ProjectFixture fixture;
    ObjectStore store;
    final RecordingLog log = new RecordingLog();

    /** A new, empty store of the backend under test. */
    abstract ObjectStore newStore(Path scratch);

    /** Everything the backend holds for the store, byte for byte, including store-internal objects. */
    abstract Map<String, String> registryTree();

    @BeforeEach
    void createProject() throws Exception {
        fixture = ProjectFixture.create(temp.resolve("stranger-data"));
        fixture.write("flows/sql/daily.sql", "SELECT * FROM orders WHERE day = '${EXECUTION_DATE}';\n");
        fixture.write("flows/main.sch.yaml", MAIN_WITH_SQL);
        fixture.commit("a SQL asset");
        store = newStore(temp.resolve("registry"));
    }

    @AfterEach
    void close() {
        store.close();
        fixture.close();
    }

    /** Root, {@code jobs} (JAR) and {@code flows} declaring {@code sql/daily.sql} (namespace {@code daily}). */
    static List<ModuleSources> modules(ProjectFixture project) {
        List<ModuleSources> modules = project.modules();
        return List.of(modules.get(0), modules.get(1), modules.get(2)
                .withSqlAssets(List.of(new SqlAssetDeclaration("sql/daily.sql", null))));
    }

    private DeployReport deploy(ProjectOptions options) {
        return new DataflowProject(modules(fixture), log).deploy(store, options);
    }

    private DeployPlan plan(ProjectOptions options) {
        return new DataflowProject(modules(fixture), log).plan(store, options);
    }

    private static ProjectOptions onMaster() {
        return ProjectOptions.defaults().withGit(new GitOptions("master", null, null, null, Map.of()));
    }

    @Test
    void anUnchangedProjectPlansNothingNewAndWritesNothing() {
        DeployReport deployed = deploy(ProjectOptions.defaults());
        Map<String, String> before = registryTree();

        DeployPlan plan = plan(ProjectOptions.defaults());

        assertThat(registryTree()).isEqualTo(before);
        assertThat(plan.refusals()).isEmpty();
        assertThat(plan.notes()).isEmpty();
        assertThat(plan.assets()).extracting(AssetEntry::status).containsOnly(AssetStatus.UNCHANGED);
        assertThat(plan.assets()).extracting(AssetEntry::uuid).containsExactlyElementsOf(deployed.assets().stream()
                .map(asset -> asset.deployment().build().id().format()).toList());
        assertThat(plan.workflows()).extracting(WorkflowEntry::registryId, WorkflowEntry::status, WorkflowEntry::version,
                WorkflowEntry::activeVersion, WorkflowEntry::activates, WorkflowEntry::diff).containsExactly(
                        tuple(ProjectFixture.MAIN_ID, WorkflowStatus.UNCHANGED, 1, 1,
                                false, ""),
                        tuple(ProjectFixture.REPORT_ID, WorkflowStatus.UNCHANGED, 1, 1,
                                false, ""));
        assertThat(plan.toText()).last().isEqualTo("Summary: 0 new and 2 unchanged assets, 0 new and 2 unchanged"
                + " workflow versions; the deploy would go ahead.");

        // The deploy does what the plan said.
        assertThat(deploy(ProjectOptions.defaults()).released()).extracting(ReleasedWorkflow::summary)
                .containsExactly("UNCHANGED stranger-data.main version 1", "UNCHANGED stranger-data.report version 1");
    }

    @Test
    void aSqlChangePlansOneNewAssetAndOneNewVersionWithThePointerDiffAndTheDeployMakesThem() throws Exception {
        DeployReport first = deploy(ProjectOptions.defaults());
        String oldSql = first.assets().stream().filter(asset -> asset.component().namespace().equals("daily"))
                .findFirst().orElseThrow().deployment().build().location();
        fixture.write("flows/sql/daily.sql", "SELECT * FROM orders WHERE day = '${EXECUTION_DATE}' AND n > 0;\n");
        fixture.commit("only positive orders");
        Map<String, String> before = registryTree();

        DeployPlan plan = plan(ProjectOptions.defaults());

        assertThat(registryTree()).isEqualTo(before);
        assertThat(plan.refusals()).isEmpty();
        AssetEntry sql = plan.assets().stream().filter(asset -> asset.status() == AssetStatus.NEW).findFirst()
                .orElseThrow();
        assertThat(plan.assets()).filteredOn(asset -> asset.status() == AssetStatus.NEW).hasSize(1);
        assertThat(sql.namespace()).isEqualTo("daily");
        assertThat(sql.build()).isEqualTo(2);
        assertThat(plan.workflows()).extracting(WorkflowEntry::registryId, WorkflowEntry::status, WorkflowEntry::version)
                .containsExactly(tuple(ProjectFixture.MAIN_ID, WorkflowStatus.NEW_VERSION, 2),
                        tuple(ProjectFixture.REPORT_ID, WorkflowStatus.UNCHANGED, 1));
        WorkflowEntry main = plan.workflows().get(0);
        assertThat(main.activates()).isTrue();
        List<String> changed = main.diff().lines()
                .filter(line -> (line.startsWith("-") || line.startsWith("+")) && !line.startsWith("---")
                        && !line.startsWith("+++"))
                .toList();
        assertThat(changed).containsExactly("-          script: " + oldSql, "+          script: " + sql.location());
        assertThat(main.diff()).startsWith("--- stranger-data.main version 1 (active)\n"
                + "+++ stranger-data.main version 2 (this deploy)\n@@ ");
        assertThat(plan.toText()).contains("-> ./flows/sql/daily.sql\u2026 NEW " + sql.uuid() + " (build 2)",
                "-> ./flows/main.sch.yaml\u2026 stranger-data.main new version 2 (active: version 1)",
                "   +          script: " + sql.location());

        DeployReport second = deploy(ProjectOptions.defaults());
        assertThat(second.assets()).filteredOn(asset -> !asset.deployment().unchanged())
                .extracting(asset -> asset.deployment().build().id().format()).containsExactly(sql.uuid());
        assertThat(second.released()).extracting(ReleasedWorkflow::summary).containsExactly(
                "DEPLOYED AS stranger-data.main version 2", "UNCHANGED stranger-data.report version 1");
    }

    @Test
    void aBranchPlanShowsTheBranchScopedIdsAndNewBranchBuilds() throws Exception {
        deploy(ProjectOptions.defaults());
        fixture.checkoutNewBranch("feature/x.y");
        Map<String, String> before = registryTree();

        DeployPlan plan = plan(ProjectOptions.defaults());

        assertThat(registryTree()).isEqualTo(before);
        assertThat(plan.git().mainline()).isFalse();
        assertThat(plan.workflows()).extracting(WorkflowEntry::id, WorkflowEntry::registryId, WorkflowEntry::status,
                WorkflowEntry::version, WorkflowEntry::diff).containsExactly(
                        tuple(ProjectFixture.MAIN_ID, ProjectFixture.MAIN_ID + "@feature-x-y",
                                WorkflowStatus.NEW_VERSION, 1, null),
                        tuple(ProjectFixture.REPORT_ID,
                                ProjectFixture.REPORT_ID + "@feature-x-y", WorkflowStatus.NEW_VERSION, 1, null));
        assertThat(plan.assets()).allSatisfy(asset -> {
            assertThat(asset.status()).isEqualTo(AssetStatus.NEW);
            assertThat(asset.uuid()).contains(".feature-x-y.").endsWith(".1");
        });
        assertThat(plan.toText()).contains("-> ./flows/main.sch.yaml\u2026 stranger-data.main@feature-x-y"
                + " (branch-scoped) new version 1 (no active version yet; a first release, no diff)");

        DeployReport deployed = deploy(ProjectOptions.defaults());
        assertThat(deployed.released()).extracting(ReleasedWorkflow::workflowId)
                .containsExactly(ProjectFixture.MAIN_ID + "@feature-x-y", ProjectFixture.REPORT_ID + "@feature-x-y");
    }

    @Test
    void anOutdatedMainlineCommitIsReportedWithTheDeploysMessage() throws Exception {
        deploy(ProjectOptions.defaults());
        String first = fixture.head();
        fixture.write("flows/sql/daily.sql", "SELECT 2;\n");
        fixture.commit("second");
        fixture.writeJar("jar bytes, version 2");
        deploy(ProjectOptions.defaults());
        fixture.checkoutDetached(first);
        fixture.writeJar("jar bytes, version 1");
        Map<String, String> before = registryTree();

        DeployPlan plan = plan(onMaster());

        assertThat(registryTree()).isEqualTo(before);
        String refused = catchMessage(() -> deploy(onMaster()));
        assertThat(refused).startsWith("Outdated deploy refused: commit " + first.substring(0, 8));
        assertThat(plan.refusals()).contains(refused);
        assertThat(plan.wouldDeploy()).isFalse();
        assertThat(plan.toText()).contains("Would refuse: " + refused);
        assertThat(registryTree()).isEqualTo(before);
    }

    @Test
    void anotherRepositorysPlanReportsEveryRefusalWhereTheDeployStopsAtTheFirst() throws Exception {
        deploy(ProjectOptions.defaults());
        try (ProjectFixture copy = ProjectFixture.create(temp.resolve("copy"), "https://github.com/other/copy.git")) {
            copy.write("flows/sql/daily.sql", "SELECT 1;\n");
            copy.write("flows/main.sch.yaml", MAIN_WITH_SQL);
            copy.commit("the same layout");
            String copyCommit = copy.head().substring(0, 8);
            Map<String, String> before = registryTree();

            DeployPlan plan = new DataflowProject(modules(copy), log).plan(store, ProjectOptions.defaults());

            assertThat(registryTree()).isEqualTo(before);
            String refused = catchMessage(() -> new DataflowProject(modules(copy), log).deploy(store,
                    ProjectOptions.defaults()));
            assertThat(plan.refusals()).first().isEqualTo(refused);
            // Its commits are not in the owner's history either: the ancestry rule refuses too.
            assertThat(plan.refusals()).hasSize(6)
                    .anyMatch(message -> message.startsWith("Namespace 'jobs' (./jobs/pom.xml) belongs to repository"))
                    .anyMatch(message -> message.startsWith("Namespace 'daily' (./flows/sql/daily.sql) belongs to"))
                    .anyMatch(message -> message.startsWith("Workflow id 'stranger-data.main' (flows/main.sch.yaml)"
                            + " belongs to repository user/stranger-data"))
                    .anyMatch(message -> message.startsWith("Cannot tell whether commit " + copyCommit
                            + " is older than commit "))
                    .anyMatch(message -> message.startsWith("Workflow id 'stranger-data.report'"));
            assertThat(registryTree()).isEqualTo(before);
        }
    }

    @Test
    void aRolledBackVersionIsPlannedAsKeptAndTheJsonDocumentParses() throws Exception {
        deploy(ProjectOptions.defaults());
        fixture.write("flows/sql/daily.sql", "SELECT 2;\n");
        fixture.commit("second");
        deploy(ProjectOptions.defaults());
        new WorkflowReleases(store, log).rollback(ProjectFixture.MAIN_ID, 1, "bob", Instant.now());
        Map<String, String> before = registryTree();

        DeployPlan plan = plan(ProjectOptions.defaults());

        assertThat(registryTree()).isEqualTo(before);
        WorkflowEntry main = plan.workflows().get(0);
        assertThat(main.status()).isEqualTo(WorkflowStatus.UNCHANGED);
        assertThat(main.version()).isEqualTo(2);
        assertThat(main.activeVersion()).isEqualTo(1);
        assertThat(main.keptActive()).isTrue();
        assertThat(main.activates()).isFalse();
        assertThat(main.diff()).contains("-          script: ").contains("+          script: ");
        JsonNode json = new ObjectMapper().readTree(plan.toJson());
        assertThat(json.path("schema").asText()).isEqualTo("dataflow.plan/1");
        assertThat(json.path("wouldDeploy").asBoolean()).isTrue();
        assertThat(json.path("workflows").get(0).path("keptActive").asBoolean()).isTrue();
        assertThat(json.path("assets").get(0).path("status").asText()).isIn("NEW", "UNCHANGED");

        assertThat(deploy(ProjectOptions.defaults()).released()).extracting(ReleasedWorkflow::summary)
                .startsWith("UNCHANGED stranger-data.main version 2 (version 1 stays active)");
    }

    static String catchMessage(Runnable action) {
        try {
            action.run();
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a refusal");
    }
}
