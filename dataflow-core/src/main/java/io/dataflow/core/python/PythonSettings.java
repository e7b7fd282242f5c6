package io.dataflow.core.python;

import java.time.Duration;

/**
 * How a module's Python assets are tested and built; what the Mojos map their parameters onto.
 *
 * @param interpreter the value of {@value PythonInterpreters#PROPERTY}: an explicit interpreter, or null/blank to
 *     probe {@link PythonInterpreters#DEFAULT_CANDIDATES}
 * @param skipTests do not run pytest (the wheels are still built)
 * @param buildTimeout limit for one wheel build
 * @param testTimeout limit for one package's pytest run
 */
public record PythonSettings(String interpreter, boolean skipTests, Duration buildTimeout, Duration testTimeout) {

    public static PythonSettings defaults() {
        return new PythonSettings(null, false, PythonPackageBuilder.DEFAULT_TIMEOUT, PythonTestRunner.DEFAULT_TIMEOUT);
    }

    public PythonSettings withInterpreter(String value) {
        return new PythonSettings(value, skipTests, buildTimeout, testTimeout);
    }

    public PythonSettings withSkipTests(boolean value) {
        return new PythonSettings(interpreter, value, buildTimeout, testTimeout);
    }
}
