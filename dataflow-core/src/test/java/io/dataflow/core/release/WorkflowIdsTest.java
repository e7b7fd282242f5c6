package io.dataflow.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.GitState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WorkflowIdsTest {

    private static GitState onBranch(String branch) {
        return new GitState(Path.of("."), "user", "repo", branch, "0123456789abcdef0123456789abcdef01234567", false,
                null, "master");
    }

    @Test
    void mainlineKeepsTheIdAndOtherBranchesAreScoped() {
        assertThat(WorkflowIds.scoped("daily.report", onBranch("master"))).isEqualTo("daily.report");
        assertThat(WorkflowIds.scoped("daily.report", onBranch("feature/x.y"))).isEqualTo("daily.report@feature-x-y");
    }

    @Test
    void parsesScopedIdsBack() {
        assertThat(WorkflowIds.parse("daily.report@feature-x-y"))
                .isEqualTo(new WorkflowIds.Scoped("daily.report", "feature-x-y"));
        WorkflowIds.Scoped mainline = WorkflowIds.parse("daily.report");
        assertThat(mainline.mainline()).isTrue();
        assertThat(mainline.format()).isEqualTo("daily.report");
        assertThat(WorkflowIds.parse("a@b").format()).isEqualTo("a@b");
    }

    @Test
    void rejectsIdsThatCannotBeRegistryKeys() {
        for (String bad : new String[] {"", ".", "..", "a/b", "a@b", "-x", "x y"}) {
            assertThatThrownBy(() -> WorkflowIds.scoped(bad, onBranch("master")))
                    .as(bad).isInstanceOf(InvalidInputException.class).hasMessageContaining("Workflow: id");
        }
        assertThatThrownBy(() -> WorkflowIds.parse("a@b/c")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dataflow.workflow");
        assertThatThrownBy(() -> WorkflowIds.parse("a@")).isInstanceOf(InvalidInputException.class);
    }
}
