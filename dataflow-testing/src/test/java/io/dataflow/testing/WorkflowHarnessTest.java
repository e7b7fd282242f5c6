package io.dataflow.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.contract.run.AuditOutcome;
import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.run.TaskResult;
import io.dataflow.contract.run.TaskStatus;
import java.net.URISyntaxException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project's own workflow (src/test/resources/harness/sales) run in-process through the planner and the runner
 * of dataflow:run, on one real local Spark session with an Iceberg catalog.
 */
class WorkflowHarnessTest {

    @TempDir
    static Path warehouse;

    @TempDir
    static Path projects;

    private static WorkflowHarness harness;

    @BeforeAll
    static void harness() throws Exception {
        // A project is a git work tree, as users' projects are; the harness must not need JGit to read it.
        Path project = projects.resolve("sales");
        copyTree(resource("harness/sales"), project);
        Process init = new ProcessBuilder("git", "init", "-q", project.toString()).inheritIO().start();
        assertThat(init.waitFor()).as("git init").isZero();
        harness = WorkflowHarness.of(project).warehouse(warehouse);
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(from)) {
            for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                java.nio.file.Files.createDirectories(copy.getParent());
                java.nio.file.Files.copy(file, copy);
            }
        }
    }

    @Test
    void runsInAGitWorkTreeWithoutJGitOnTheClassPath() {
        assertThat(harness.workflow("daily.sch.yaml").param("DATE", "2024-03-03").param("DB", "in_git").run().status())
                .isEqualTo(TaskStatus.SUCCEEDED);
        assertThatThrownBy(() -> Class.forName("org.eclipse.jgit.api.Git"))
                .as("samples' test class paths leave JGit out").isInstanceOf(ClassNotFoundException.class);
    }

    @AfterAll
    static void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void runsEveryJobInDagOrderWithTheWorkflowsOwnAudits() {
        WorkflowRun run = harness.workflow("daily.sch.yaml").param("DATE", "2024-03-01").run();

        assertThat(run.status()).as(run.result().toString()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(run.result().tasks()).extracting(TaskResult::id).containsExactly("ddl", "seed", "wap", "hwm");
        assertThat(run.audits()).extracting(AuditOutcome::function, AuditOutcome::passed).containsExactly(
                org.assertj.core.groups.Tuple.tuple("columns_should_not_have_nulls", true),
                org.assertj.core.groups.Tuple.tuple("row_count_should_be_between", true));
        assertThat(run.parameters()).containsEntry("DB", "harness_sales").containsEntry("DATE", "2024-03-01");
        assertThat(run.table("${DB}.totals").where("day = DATE '2024-03-01'").count()).isEqualTo(3);
        assertThat(run.spark().sql("SHOW TBLPROPERTIES harness_sales.totals ('dataflow.hwm.datetime')").first()
                .getString(1)).isEqualTo("2024-03-01T00:00:00");
    }

    @Test
    void mocksStandInForTheJobsLeftOut() {
        WorkflowRun run = harness.workflow("daily.sch.yaml").param("DATE", "2024-02-01").param("DB", "mocked")
                .mock("mocks/harness/sales.yaml").without("seed").run();

        assertThat(run.plan().tasks()).extracting(PlanTask::id).containsExactly("ddl", "wap", "hwm");
        assertThat(run.plan().task("wap").dependsOn()).as("what 'seed' depended on").containsExactly("ddl");
        DataFrameAssertions.assertMatches(run.table("mocked.totals"), MockTable.fromResource("mocks/harness/totals.yaml"));
        assertThat(run.status()).as("two items: the non-blocking row count audit warns").isEqualTo(TaskStatus.WARNED);
        assertThat(run.task("wap").warnings()).singleElement().asString().contains("row_count_should_be_between");
        assertThat(run.requireNoFailedTask()).isSameAs(run);
    }

    @Test
    void aFailedBlockingAuditFailsTheRunAndPublishesNothing() {
        WorkflowRun run = harness.workflow("daily.sch.yaml").param("DATE", "2024-02-01").param("DB", "unnamed")
                .mock("mocks/harness/sales_without_item.yaml").without("seed").run();

        assertThat(run.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(run.task("hwm").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(run.table("${DB}.totals").count()).as("nothing published").isZero();
        assertThatThrownBy(run::requireNoFailedTask).isInstanceOf(AssertionError.class)
                .hasMessageContaining("wap FAILED").hasMessageContaining("columns_should_not_have_nulls")
                .hasMessageContaining("hwm SKIPPED");
    }

    @Test
    void leavingOutAJobTheWorkflowDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> harness.workflow("daily.sch.yaml").without("seeds").run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No job [seeds] in workflow harness.sales.daily")
                .hasMessageContaining("[ddl, seed, wap, hwm]");
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(WorkflowHarnessTest.class.getClassLoader().getResource(name).toURI());
    }
}
