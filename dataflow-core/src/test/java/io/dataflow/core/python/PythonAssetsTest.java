package io.dataflow.core.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.fixtures.RecordingLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module-level flow a Mojo runs: discover, test, build. */
class PythonAssetsTest {

    @TempDir
    Path module;

    private final RecordingLog log = new RecordingLog();

    private List<PythonPackage> discover() {
        return PythonPackageDiscovery.discover(module, List.of(), Map.of());
    }

    @Test
    void testsThenBuildsEveryPackageOfTheModule() throws IOException {
        PythonFixtures.testInterpreter();
        PythonFixtures.copy("hello_world", module);
        PythonFixtures.copy("spark_job", module);
        PythonFixtures.copy("legacy_setup", module);
        PythonAssets assets = new PythonAssets(PythonSettings.defaults(), log);

        Map<PythonPackage, PythonTestResult> results = assets.test(discover());
        List<BuiltWheel> wheels = assets.build(discover(), module.resolve("target/dataflow/python"));

        assertThat(results.values()).extracting(PythonTestResult::passed).containsExactly(2, 0, 1);
        assertThat(log.lines()).contains("-> hello_world (hello_world)… 2 passed, 0 failed, 0 skipped",
                "-> legacy_setup (legacy_setup)… no tests");
        assertThat(wheels).extracting(wheel -> module.relativize(wheel.wheel()).toString()).containsExactly(
                "target/dataflow/python/hello_world/hello_world-0.1.0-py3-none-any.whl",
                "target/dataflow/python/legacy_setup/legacy_setup-2.0.0-py3-none-any.whl",
                "target/dataflow/python/spark_job/spark_job-1.2.0-py3-none-any.whl");
        assertThat(discover()).as("the wheels under target/ are not packages").hasSize(3);
    }

    @Test
    void aFailingPackageFailsTheRunAfterEveryPackageWasTested() throws IOException {
        PythonFixtures.testInterpreter();
        PythonFixtures.copy("failing_tests", module);
        PythonFixtures.copy("hello_world", module);

        assertThatThrownBy(() -> new PythonAssets(PythonSettings.defaults(), log).test(discover()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Python tests failed in 1 of 2 package(s):")
                .hasMessageContaining("FAILED tests/test_add.py::test_add_works");
        assertThat(log.lines()).filteredOn(line -> line.startsWith("->")).containsExactly(
                "-> failing_tests (failing_tests)… FAILED",
                "-> hello_world (hello_world)… 2 passed, 0 failed, 0 skipped");
    }

    @Test
    void noPackagesNoTestsOrSkippedTestsNeverStartAnInterpreter() throws IOException {
        PythonAssets bogus = new PythonAssets(PythonSettings.defaults().withInterpreter("/no/such/python"), log);
        assertThat(bogus.test(List.of())).isEmpty();
        assertThat(bogus.build(List.of(), module.resolve("target"))).isEmpty();

        PythonFixtures.copy("legacy_setup", module);
        assertThat(bogus.test(discover()).values()).containsExactly(PythonTestResult.NO_TESTS);

        PythonFixtures.copy("failing_tests", module);
        PythonAssets skipping = new PythonAssets(
                PythonSettings.defaults().withInterpreter("/no/such/python").withSkipTests(true), log);
        assertThat(skipping.test(discover())).isEmpty();
        assertThat(log.lines()).containsExactly("-> legacy_setup (legacy_setup)… no tests",
                "Python tests skipped for 2 package(s).");
    }

    @Test
    void aWrongInterpreterIsReportedAsSuchNotAsATestFailure() throws IOException {
        PythonFixtures.copy("hello_world", module);
        PythonAssets bogus = new PythonAssets(PythonSettings.defaults().withInterpreter("/no/such/python"), log);

        assertThatThrownBy(() -> bogus.test(discover()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("dataflow.python=/no/such/python cannot be used to run pytest");
        assertThatThrownBy(() -> bogus.build(discover(), module.resolve("target")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("dataflow.python=/no/such/python cannot be used to build wheels");
    }
}
