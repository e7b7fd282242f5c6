package io.dataflow.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.contract.run.PlanTask;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.fixtures.ArchetypeSample;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.registry.LocalObjectStore;
import io.dataflow.core.workflow.PendingAsset;
import io.dataflow.core.workflow.WorkflowProblemsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A working tree (no git, no deploy) released into a registry of its own, then planned like a deployed version. */
class WorkingTreeReleaseTest {

    @TempDir
    Path temp;

    @Test
    void everyWorkflowOfTheTreeIsReleasedAndPlansFromItsBundle() {
        Path project = ArchetypeSample.generate("sparksql", temp.resolve("project"));
        LocalObjectStore store = new LocalObjectStore(temp.resolve("registry"));

        WorkingTreeRelease release = WorkingTreeRelease.release(project, List.of(), store, DataflowLog.SILENT);
        PreparedRun run = new WorkflowRuns(store, DataflowLog.SILENT).prepare(
                RunRequest.of(release.workflowId(project.resolve("daily.sch.yaml"))).withRunsDirectory(temp.resolve("runs")));

        assertThat(release.workflowId(project.resolve("main.sch.yaml"))).isEqualTo("stranger-data.top-titles-sql.main");
        assertThat(run.plan().workflowId()).isEqualTo("stranger-data.top-titles-sql.daily");
        assertThat(run.bundles()).extracting(RunRecord.BundleUse::workflowId).as("the subworkflow was released too")
                .containsExactly("stranger-data.top-titles-sql.daily", "stranger-data.top-titles-sql.main");
        PlanTask.Sql ddl = (PlanTask.Sql) run.plan().task("last_days[2024-01-01].run_main.target_ddl");
        assertThat(run.directory().resolve("bundles").resolve(ddl.file())).hasSameTextualContentAs(
                project.resolve("ddl/create_target_table.sql"));
        assertThatThrownBy(() -> release.workflowId(project.resolve("nope.sch.yaml")))
                .hasMessageContaining("is not a workflow of the released directory");
    }

    @Test
    void aJarReferenceMeansTheGivenFileAndIsAnErrorWithoutIt() throws Exception {
        Path project = ArchetypeSample.generate("scala", temp.resolve("project"));
        Path jar = Files.writeString(temp.resolve("classes.jar"), "the classes under test");

        assertThatThrownBy(() -> WorkingTreeRelease.release(project, List.of(),
                new LocalObjectStore(temp.resolve("empty")), DataflowLog.SILENT))
                .isInstanceOf(WorkflowProblemsException.class)
                .hasMessageContaining("main.sch.yaml")
                .hasMessageContaining("dataflow.jar.stranger-scala");

        LocalObjectStore store = new LocalObjectStore(temp.resolve("registry"));
        WorkingTreeRelease release = WorkingTreeRelease.release(project,
                List.of(new PendingAsset(AssetType.JAR, "stranger-scala", jar)), store, DataflowLog.SILENT);
        PreparedRun run = new WorkflowRuns(store, DataflowLog.SILENT).prepare(
                RunRequest.of(release.workflowId(project.resolve("main.sch.yaml"))).withRunsDirectory(temp.resolve("runs")));

        PlanTask.Jar write = (PlanTask.Jar) ((PlanTask.Wap) run.plan().task("wap")).writes().get(0);
        assertThat(run.directory().resolve("bundles").resolve(write.jar())).hasContent("the classes under test");
        assertThat(write.mainClass()).isEqualTo("com.example.analytics.toptitles.TopTitles");
    }
}
