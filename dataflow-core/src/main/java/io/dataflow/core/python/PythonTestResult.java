package io.dataflow.core.python;

import java.util.List;

/**
 * What pytest reported for one package.
 *
 * @param passed tests that passed
 * @param failed tests that failed
 * @param errors tests or modules that errored (collection or fixture errors)
 * @param skipped tests or modules skipped, e.g. because pyspark is not installed
 * @param skipReasons pytest's {@code SKIPPED [n] file:line: reason} lines
 * @param summaryLines pytest's short test summary and its closing line, e.g. {@code 1 passed, 1 skipped in 0.70s}
 */
public record PythonTestResult(int passed, int failed, int errors, int skipped, List<String> skipReasons,
        List<String> summaryLines) {

    /** The result for a package that has no tests: nothing ran. */
    public static final PythonTestResult NO_TESTS = new PythonTestResult(0, 0, 0, 0, List.of(), List.of());

    public PythonTestResult {
        skipReasons = List.copyOf(skipReasons);
        summaryLines = List.copyOf(summaryLines);
    }

    /** Tests that ran to an outcome (skipped ones did not run). */
    public int ran() {
        return passed + failed + errors;
    }

    public boolean successful() {
        return failed == 0 && errors == 0;
    }

    /** e.g. {@code 3 passed, 0 failed, 1 skipped}. */
    public String counts() {
        return passed + " passed, " + (failed + errors) + " failed, " + skipped + " skipped";
    }
}
