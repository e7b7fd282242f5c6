package io.dataflow.core.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.fixtures.RecordingLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonTestRunnerTest {

    @TempDir
    Path dir;

    private final PythonInterpreter interpreter = PythonFixtures.testInterpreter();
    private final PythonTestRunner runner = new PythonTestRunner(Duration.ofMinutes(2), DataflowLog.SILENT);

    @Test
    void passingTestsAreCountedAndTheSourcesStayUntouched() throws IOException {
        Path pkg = PythonFixtures.copy("hello_world", dir);
        List<String> before = PythonFixtures.tree(pkg);

        PythonTestResult result = runner.run(pkg, interpreter);

        assertThat(result.passed()).isEqualTo(2);
        assertThat(result.failed() + result.errors() + result.skipped()).isZero();
        assertThat(result.successful()).isTrue();
        assertThat(result.summaryLines()).singleElement().asString().startsWith("2 passed in ");
        assertThat(PythonFixtures.tree(pkg)).as("no __pycache__, .pytest_cache or plugin files").isEqualTo(before);
    }

    @Test
    void failingTestsFailWithPytestsSummary() throws IOException {
        Path pkg = PythonFixtures.copy("failing_tests", dir);

        assertThatThrownBy(() -> runner.run(pkg, interpreter))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Python tests failed in " + pkg + ": 1 passed, 1 failed, 0 skipped")
                .hasMessageContaining("FAILED tests/test_add.py::test_add_works")
                .hasMessageContaining("1 failed, 1 passed in ")
                .hasMessageContaining("assert 0 == 4");
    }

    @Test
    void testsNeedingPysparkAreSkippedWithTheirReasonWhileTheOthersRun() throws IOException {
        Path pkg = PythonFixtures.copy("spark_job", dir);

        PythonTestResult result = runner.run(pkg, interpreter);

        if (hasPyspark()) {
            assertThat(result.passed()).isEqualTo(2);
            return;
        }
        assertThat(result.passed()).as("the pure-Python test imports spark_job from src/").isEqualTo(1);
        assertThat(result.skipped()).isEqualTo(1);
        assertThat(result.ran()).isEqualTo(1);
        assertThat(result.counts()).isEqualTo("1 passed, 0 failed, 1 skipped");
        assertThat(result.skipReasons()).singleElement().asString()
                .startsWith("SKIPPED [1] tests/test_with_spark.py:")
                .endsWith("pyspark is not installed on this machine: install it to run the Spark tests");
    }

    @Test
    void aPackageWithoutTestsReportsThatNothingRanWithoutStartingPython() throws IOException {
        Path pkg = PythonFixtures.copy("legacy_setup", dir);
        PythonInterpreter unusable = new PythonInterpreter("none", "/no/such/python", "3.11.0", Set.of("pytest"));

        assertThat(PythonTestRunner.hasTests(pkg)).isFalse();
        assertThat(runner.run(pkg, unusable)).isEqualTo(PythonTestResult.NO_TESTS);
    }

    @Test
    void aTestDirectoryWithoutTestsIsAWarningNamingThePackage() throws IOException {
        Path pkg = PythonFixtures.copy("legacy_setup", dir);
        Files.createDirectories(pkg.resolve("tests"));
        Files.writeString(pkg.resolve("tests/helpers.py"), "VALUE = 1\n");
        RecordingLog log = new RecordingLog();

        PythonTestResult result = new PythonTestRunner(Duration.ofMinutes(2), log).run(pkg, interpreter);

        assertThat(result.ran()).isZero();
        assertThat(log.lines()).singleElement().asString()
                .startsWith("WARN pytest collected no tests in " + pkg.toAbsolutePath().normalize())
                .contains("name test modules test_*.py");
    }

    @Test
    void testFilesOutsideATestsDirectoryAreFoundButNotInsideBuildOutputsOrVirtualenvs() throws IOException {
        Path pkg = PythonFixtures.copy("legacy_setup", dir);
        Files.createDirectories(pkg.resolve("build/lib"));
        Files.writeString(pkg.resolve("build/lib/test_old.py"), "");
        Files.createDirectories(pkg.resolve("venv-any-name/lib/site-packages/other"));
        Files.writeString(pkg.resolve("venv-any-name/pyvenv.cfg"), "home = /usr/bin");
        Files.writeString(pkg.resolve("venv-any-name/lib/site-packages/other/test_other.py"), "");
        assertThat(PythonTestRunner.hasTests(pkg)).isFalse();

        Files.writeString(pkg.resolve("legacy_setup/version_test.py"),
                "from legacy_setup import VERSION\n\ndef test_version():\n    assert VERSION == '2.0.0'\n");
        assertThat(PythonTestRunner.hasTests(pkg)).isTrue();
        assertThat(runner.run(pkg, interpreter).passed()).isEqualTo(1);
    }

    @Test
    void aTestModuleThatCannotBeImportedIsReportedAsAnError() throws IOException {
        Path pkg = PythonFixtures.copy("hello_world", dir);
        Files.writeString(pkg.resolve("tests/test_broken.py"), "import no_such_module_xyz\n");

        assertThatThrownBy(() -> runner.run(pkg, interpreter))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(pkg.toString())
                .hasMessageContaining("no_such_module_xyz");
    }

    @Test
    void anInterpreterWithoutPytestGetsAClearMessage() throws IOException {
        Path pkg = PythonFixtures.copy("hello_world", dir);
        PythonInterpreter noPytest = new PythonInterpreter("python3", "/usr/bin/python3", "3.11.2", Set.of("pip"));

        assertThatThrownBy(() -> runner.run(pkg, noPytest))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("has no pytest")
                .hasMessageContaining("-Ddataflow.python=");
    }

    private boolean hasPyspark() {
        try {
            Process process = new ProcessBuilder(interpreter.executable(), "-c", "import pyspark").start();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
