package io.dataflow.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.contract.run.TaskStatus;
import io.dataflow.core.workflow.WorkflowProblemsException;
import io.dataflow.testing.fixtures.GreetJob;
import org.junit.jupiter.api.Test;

/** A workflow whose job is a project's JAR: the harness gives it the classes under test. */
class WorkflowHarnessJarTest {

    @Test
    void aJarJobRunsTheClassesTheTestNames() throws Exception {
        try (WorkflowHarness harness = WorkflowHarness.of(WorkflowHarnessTest.resource("harness/jobs"))
                .jar("harness-jobs", GreetJob.class)) {
            WorkflowRun run = harness.workflow("greet.sch.yaml").param("DB", "greeted").run();

            assertThat(run.status()).as(run.result().toString()).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(run.table("greeted.greetings").first().getString(0)).isEqualTo("hello");
        }
    }

    @Test
    void aJarTheTestDoesNotGiveIsAnErrorNamingTheReference() throws Exception {
        try (WorkflowHarness harness = WorkflowHarness.of(WorkflowHarnessTest.resource("harness/jobs"))) {
            assertThatThrownBy(() -> harness.workflow("greet.sch.yaml").run())
                    .isInstanceOf(WorkflowProblemsException.class)
                    .hasMessageContaining("greet.sch.yaml")
                    .hasMessageContaining("dataflow.jar.harness-jobs");
        }
    }
}
