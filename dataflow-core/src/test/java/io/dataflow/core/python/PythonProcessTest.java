package io.dataflow.core.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.EnvironmentException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonProcessTest {

    @TempDir
    Path dir;

    private final String python = PythonFixtures.buildInterpreter().executable();

    @Test
    void childSeesNoPipConfigurationOfTheUserOnlyOfflineSettings() throws Exception {
        PythonProcess.Outcome outcome = PythonProcess.run(List.of(python, "-c",
                        "import os; print(sorted((k, v) for k, v in os.environ.items() if k.startswith('PIP_')))"),
                dir, Map.of(), Duration.ofSeconds(30), "listing the environment");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.output().strip()).isEqualTo(
                "[('PIP_DISABLE_PIP_VERSION_CHECK', '1'), ('PIP_NO_INDEX', '1'), ('PIP_NO_INPUT', '1')]");
    }

    @Test
    void aHangingProcessIsKilledAtTheTimeoutWithItsOutputInTheMessage() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> PythonProcess.run(List.of(python, "-c",
                        "import time; print('started', flush=True); time.sleep(120)"),
                dir, Map.of(), Duration.ofSeconds(1), "sleeping"))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("Timed out after 1 s while sleeping")
                .hasMessageContaining("started");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void tailKeepsTheLastLinesOnly() {
        StringBuilder output = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            output.append("line ").append(i).append('\n');
        }

        String tail = new PythonProcess.Outcome(1, output.toString()).tail();

        assertThat(tail.lines()).hasSize(PythonProcess.TAIL_LINES).startsWith("line 41").endsWith("line 100");
    }
}
