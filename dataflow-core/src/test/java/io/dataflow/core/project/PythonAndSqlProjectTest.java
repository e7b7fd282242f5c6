package io.dataflow.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.fixtures.RecordingLog;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.python.BuiltWheel;
import io.dataflow.core.python.PythonInterpreters;
import io.dataflow.core.python.PythonPackage;
import io.dataflow.core.python.PythonTestResult;
import io.dataflow.core.registry.LocalObjectStore;
import io.dataflow.core.sql.SqlAssetDeclaration;
import io.dataflow.core.workflow.ResolvedAsset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pom module {@code pyflows} holding the {@code hello_world} package, a declared SQL file and a workflow using both. */
class PythonAndSqlProjectTest {

    private static final String WORKFLOW = """
            Workflow:
              id: stranger-data.py
              dag:
                - orders -> hello
              jobs:
                - job:
                    id: orders
                    type: Spark
                    spark:
                      script: ${dataflow.sql.daily_orders}
                - job:
                    id: hello
                    type: Spark
                    spark:
                      python: ${dataflow.whl.hello_world}
                      entry: hello_world.job:main
            """;

    @TempDir
    Path temp;

    private ProjectFixture fixture;
    private LocalObjectStore store;
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void createProject() throws Exception {
        fixture = ProjectFixture.create(temp.resolve("stranger-data"));
        fixture.copyPythonFixture("hello_world", "pyflows/hello_world");
        fixture.write("pyflows/pom.xml", "<project><artifactId>pyflows</artifactId></project>\n");
        fixture.write("pyflows/sql/daily_orders.sql", "SELECT * FROM orders WHERE day = '${EXECUTION_DATE}';\n");
        fixture.write("pyflows/py.sch.yaml", WORKFLOW);
        fixture.commit("python module");
        store = new LocalObjectStore(temp.resolve("registry"));
    }

    @AfterEach
    void closeProject() {
        fixture.close();
    }

    private DataflowProject project() {
        List<ModuleSources> modules = fixture.modules();
        ModuleSources pyflows = ModuleSources.of("pyflows", fixture.path("pyflows"))
                .withSqlAssets(List.of(new SqlAssetDeclaration("sql/daily_orders.sql", null)));
        return new DataflowProject(List.of(modules.get(0).withSubModules(List.of(fixture.path("jobs"),
                fixture.path("flows"), fixture.path("pyflows"))), modules.get(1), modules.get(2), pyflows), log);
    }

    private static ProjectOptions withoutPythonTests() {
        ProjectOptions defaults = ProjectOptions.defaults();
        return defaults.withPython(defaults.python().withSkipTests(true));
    }

    @Test
    void deploysTheWheelAndTheSqlFileAndReusesThemWhenUnchanged() {
        requireWheelBuilds();

        DeployReport first = project().deploy(store, withoutPythonTests());

        assertThat(first.assets()).extracting(asset -> asset.component().type(), asset -> asset.component().namespace())
                .containsExactly(tuple(AssetType.WHL, "hello_world"), tuple(AssetType.SQL, "daily_orders"),
                        tuple(AssetType.JAR, "jobs"));
        String wheelId = first.assets().get(0).deployment().build().id().format();
        String sqlId = first.assets().get(1).deployment().build().id().format();
        assertThat(wheelId).startsWith("dataflow.whl.hello_world.user.stranger-data.master.").endsWith(".1");
        assertThat(first.assets().get(0).deployment().build().key()).endsWith("/1.whl");
        assertThat(first.assets().get(1).deployment().build().key()).endsWith("/1.sql");
        RenderedWorkflow py = first.workflows().stream().filter(w -> w.workflowId().equals("stranger-data.py"))
                .findFirst().orElseThrow();
        assertThat(py.assets()).extracting(asset -> asset.id().format()).containsExactlyInAnyOrder(wheelId, sqlId);
        assertThat(py.renderedText()).contains("python: " + first.assets().get(0).deployment().build().location());
        assertThat(log.lines()).containsSubsequence(
                "Building Python Assets:",
                "Deploying Python Assets:",
                "-> ./pyflows/hello_world/\u2026 DEPLOYED AS " + wheelId,
                "Summary: 1 successful, 0 failed.",
                "Deploying SQL Assets:",
                "-> ./pyflows/sql/daily_orders.sql\u2026 DEPLOYED AS " + sqlId,
                "Summary: 1 successful, 0 failed.",
                "Deploying JAR Assets:");
        log.clear();

        DeployReport again = project().deploy(store, withoutPythonTests());

        assertThat(again.assets()).allSatisfy(asset -> assertThat(asset.deployment().unchanged()).isTrue());
        assertThat(log.lines()).contains("-> ./pyflows/hello_world/\u2026 UNCHANGED " + wheelId)
                .as("the wheel of the first deploy is still up to date").doesNotContain("Building Python Assets:");
    }

    @Test
    void theWheelOfThePackagePhaseIsReusedUntilASourceChanges() throws Exception {
        requireWheelBuilds();

        List<BuiltWheel> packaged = project().buildPython(withoutPythonTests().python());

        assertThat(packaged).singleElement().satisfies(built -> assertThat(built.wheel().getParent())
                .isEqualTo(fixture.path("pyflows/target/dataflow/python/hello_world")));
        log.clear();
        project().verify(store, withoutPythonTests());
        assertThat(log.lines()).as("an up-to-date wheel is not built again").doesNotContain("Building Python Assets:");

        Path source = fixture.path("pyflows/hello_world/hello_world/job.py");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(60)));
        DeployReport deployed = project().deploy(store, withoutPythonTests());

        assertThat(log.lines()).as("a source newer than the wheel rebuilds it").contains("Building Python Assets:");
        assertThat(deployed.assets().get(0).deployment().build().id().format()).endsWith(".1");
    }

    @Test
    void verifyRunsThePythonTestsAndRendersAgainstTheFreshWheel() {
        requireWheelBuilds();
        requirePytest();
        Map<String, String> before = ProjectFixture.snapshot(store.rootDirectory());

        VerifyReport report = project().verify(store, ProjectOptions.defaults());

        assertThat(ProjectFixture.snapshot(store.rootDirectory())).isEqualTo(before);
        assertThat(report.pythonTests()).hasSize(1);
        Map.Entry<PythonPackage, PythonTestResult> tests = report.pythonTests().entrySet().iterator().next();
        assertThat(tests.getKey().namespace()).isEqualTo("hello_world");
        assertThat(tests.getValue().successful()).isTrue();
        assertThat(tests.getValue().passed()).isPositive();
        RenderedWorkflow py = report.workflows().stream().filter(w -> w.workflowId().equals("stranger-data.py"))
                .findFirst().orElseThrow();
        assertThat(py.assets()).allSatisfy(asset -> assertThat(asset).isInstanceOf(ResolvedAsset.Pending.class));
        Path wheel = ((ResolvedAsset.Pending) py.assets().stream().filter(a -> a.id().type() == AssetType.WHL)
                .findFirst().orElseThrow()).asset().file();
        assertThat(wheel.getParent()).isEqualTo(fixture.path("pyflows/target/dataflow/python/hello_world"));
        assertThat(Files.exists(wheel)).isTrue();
        assertThat(log.lines()).containsSubsequence("Testing Python Assets:", "Summary: 1 successful, 0 failed.",
                "Building Scheduler Workflows:", "Testing Scheduler Workflows:");
    }

    @Test
    void failingPythonTestsAndWorkflowProblemsAreReportedInOneRun() throws Exception {
        requireWheelBuilds();
        requirePytest();
        fixture.copyPythonFixture("failing_tests", "pyflows/failing_tests");
        fixture.write("pyflows/py.sch.yaml", WORKFLOW.replace("orders -> hello", "orders -> nobody"));

        assertThatThrownBy(() -> project().verify(store, ProjectOptions.defaults()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Python tests failed in 1 of 2 package(s)")
                .hasMessageContaining("1 problem in 1 workflow file")
                .hasMessageContaining("py.sch.yaml:4:");
        assertThat(log.lines()).containsSubsequence("Testing Python Assets:", "Summary: Python tests failed; see above.",
                "Testing Scheduler Workflows:", "WARN -> ./pyflows/py.sch.yaml\u2026 FAILED");
    }

    private static void requirePytest() {
        try {
            new PythonInterpreters(null, DataflowLog.SILENT).forTesting();
        } catch (EnvironmentException e) {
            assumeTrue(false, "No Python interpreter with pytest on this machine, so Python tests cannot run: "
                    + e.getMessage());
        }
    }

    private static void requireWheelBuilds() {
        try {
            new PythonInterpreters(null, DataflowLog.SILENT).forBuilding();
        } catch (EnvironmentException e) {
            assumeTrue(false, "No Python interpreter on this machine can build wheels offline, so Python assets "
                    + "cannot be deployed here: " + e.getMessage());
        }
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
