package io.dataflow.core.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonInterpretersTest {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    /** A real interpreter that has none of pip, setuptools, wheel or pytest: a venv created without pip. */
    private static Path barePython;

    @BeforeAll
    static void createBareVirtualenv(@TempDir Path dir) throws Exception {
        PythonInterpreter any = PythonFixtures.buildInterpreter();
        PythonFixtures.run(dir, any.executable(), "-m", "venv", "--without-pip", dir.resolve("bare").toString());
        barePython = dir.resolve("bare/bin/python");
        assertThat(barePython).isExecutable();
    }

    private static PythonInterpreters candidates(String... commands) {
        return new PythonInterpreters(null, List.of(commands), PROBE_TIMEOUT, DataflowLog.SILENT);
    }

    @Test
    void explicitInterpreterThatDoesNotExistNamesThePropertyAndTheFix() {
        PythonInterpreters interpreters = new PythonInterpreters("/no/such/python3", DataflowLog.SILENT);

        assertThatThrownBy(interpreters::forBuilding)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dataflow.python=/no/such/python3 cannot be used to build wheels offline")
                .hasMessageContaining("cannot be started")
                .hasMessageContaining("remove it to let Dataflow probe python3, /usr/bin/python3, python");
    }

    @Test
    void explicitInterpreterThatIsNotPythonIsRejected(@TempDir Path dir) throws Exception {
        Path notPython = dir.resolve("python");
        Files.writeString(notPython, "#!/bin/sh\necho 'I am not python' >&2\nexit 3\n");
        notPython.toFile().setExecutable(true);

        assertThatThrownBy(() -> new PythonInterpreters(notPython.toString(), DataflowLog.SILENT).forTesting())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dataflow.python=" + notPython)
                .hasMessageContaining("exit code 3: I am not python");
    }

    @Test
    void explicitInterpreterWithoutBuildToolsSaysWhatItLacks() {
        PythonInterpreters interpreters = new PythonInterpreters(barePython.toString(), DataflowLog.SILENT);

        assertThatThrownBy(interpreters::forBuilding)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dataflow.python=" + barePython + " cannot build wheels offline")
                .hasMessageContaining("lacks pip, setuptools, wheel")
                .hasMessageContaining("apt-get install python3-pip python3-setuptools python3-wheel");
        assertThatThrownBy(interpreters::forTesting)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("lacks pytest");
    }

    @Test
    void probingSkipsUnusableCandidatesAndPicksTheFirstThatCanBuild() {
        PythonInterpreter able = PythonFixtures.buildInterpreter();

        PythonInterpreter chosen =
                candidates("no-such-python-xyz", barePython.toString(), able.executable()).forBuilding();

        assertThat(chosen.executable()).isEqualTo(able.executable());
        assertThat(chosen.canBuildWheels()).isTrue();
        assertThat(chosen.version()).matches("3\\.\\d+\\.\\d+.*");
    }

    @Test
    void whenNoCandidateCanBuildTheMessageListsEachAndWhatItLacked() {
        PythonInterpreters interpreters = candidates("no-such-python-xyz", barePython.toString());

        assertThatThrownBy(interpreters::forBuilding)
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("No Python interpreter on this machine can build wheels offline. Tried:")
                .hasMessageContaining("- no-such-python-xyz: cannot be started")
                .hasMessageContaining("- " + barePython + " (" + barePython)
                .hasMessageContaining("lacks pip, setuptools, wheel")
                .hasMessageContaining("-Ddataflow.python=/path/to/python");
        assertThatThrownBy(interpreters::forIsolatedBuilding)
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("lacks pip");
        assertThatThrownBy(interpreters::forTesting)
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("can run pytest")
                .hasMessageContaining("lacks pytest");
    }

    @Test
    void defaultProbeFindsAnInterpreterForEachJobIndependently() {
        PythonInterpreter builder = PythonFixtures.buildInterpreter();
        PythonInterpreter tester = PythonFixtures.testInterpreter();

        assertThat(builder.missingBuildModules()).isEmpty();
        assertThat(tester.hasPytest()).isTrue();
    }
}
