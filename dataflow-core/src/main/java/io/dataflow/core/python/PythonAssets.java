package io.dataflow.core.python;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Python steps of {@code dataflow:test} and {@code dataflow:deploy} for the packages of one module: run
 * their tests, build their wheels. Interpreters are probed only when there is a package to work on, once per
 * instance; an instance may be shared by threads.
 */
public final class PythonAssets {

    private final PythonSettings settings;
    private final PythonInterpreters interpreters;
    private final DataflowLog log;

    public PythonAssets(PythonSettings settings, DataflowLog log) {
        this.settings = settings;
        this.interpreters = new PythonInterpreters(settings.interpreter(), log);
        this.log = log;
    }

    /**
     * Runs every package's tests, all of them even when one fails, logging one line per package plus pytest's
     * skip reasons.
     *
     * @return each package's result, in order; empty when tests are skipped
     * @throws InvalidInputException a test failed in at least one package (the message has each package's summary)
     * @throws io.dataflow.core.EnvironmentException no interpreter with pytest, or a run timed out
     */
    public Map<PythonPackage, PythonTestResult> test(List<PythonPackage> packages) {
        Map<PythonPackage, PythonTestResult> results = new LinkedHashMap<>();
        if (packages.isEmpty()) {
            return results;
        }
        if (settings.skipTests()) {
            log.info("Python tests skipped for " + packages.size() + " package(s).");
            return results;
        }
        PythonTestRunner runner = new PythonTestRunner(settings.testTimeout(), log);
        List<String> failures = new ArrayList<>();
        PythonInterpreter interpreter = null;
        for (PythonPackage pythonPackage : packages) {
            String label = "-> " + pythonPackage.relativePath() + " (" + pythonPackage.namespace() + ")… ";
            if (!PythonTestRunner.hasTests(pythonPackage.directory())) {
                log.info(label + "no tests");
                results.put(pythonPackage, PythonTestResult.NO_TESTS);
                continue;
            }
            if (interpreter == null) {
                interpreter = interpreters.forTesting(); // outside the try: a wrong interpreter is no test failure
                log.info("Running Python tests with " + interpreter.describe());
            }
            try {
                PythonTestResult result = runner.run(pythonPackage.directory(), interpreter);
                log.info(label + result.counts());
                result.skipReasons().forEach(reason -> log.info("   " + reason));
                results.put(pythonPackage, result);
            } catch (InvalidInputException e) {
                log.info(label + "FAILED");
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new InvalidInputException("Python tests failed in " + failures.size() + " of " + packages.size()
                    + " package(s):" + System.lineSeparator() + String.join(System.lineSeparator(), failures));
        }
        return results;
    }

    /**
     * Builds every package's wheel into {@code outputRoot/<namespace>/}, e.g. {@code target/dataflow/python/hello_world/}.
     *
     * @throws InvalidInputException a package's build failed (pip's output in the message)
     * @throws io.dataflow.core.EnvironmentException no interpreter can build wheels, a build timed out, I/O failed
     */
    public List<BuiltWheel> build(List<PythonPackage> packages, Path outputRoot) {
        List<BuiltWheel> wheels = new ArrayList<>();
        if (packages.isEmpty()) {
            return wheels;
        }
        PythonInterpreter interpreter = settings.findLinks().isEmpty()
                ? interpreters.forBuilding()
                : interpreters.forIsolatedBuilding();
        log.info("Building Python wheels with " + interpreter.describe());
        PythonPackageBuilder builder =
                new PythonPackageBuilder(interpreter, settings.findLinks(), settings.buildTimeout(), log);
        for (PythonPackage pythonPackage : packages) {
            Path wheel = builder.build(pythonPackage.directory(), outputRoot.resolve(pythonPackage.namespace()));
            log.info("-> " + pythonPackage.relativePath() + " (" + pythonPackage.namespace() + ")… built "
                    + wheel.getFileName());
            wheels.add(new BuiltWheel(pythonPackage, wheel));
        }
        return wheels;
    }
}
