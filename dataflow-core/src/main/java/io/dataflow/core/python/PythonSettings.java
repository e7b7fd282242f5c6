package io.dataflow.core.python;

import java.time.Duration;
import java.util.List;

/**
 * How a module's Python assets are tested and built; what the Mojos map their parameters onto.
 *
 * @param interpreter the value of {@value PythonInterpreters#PROPERTY}: an explicit interpreter, or null/blank to
 *     probe {@link PythonInterpreters#DEFAULT_CANDIDATES}
 * @param skipTests do not run pytest (the wheels are still built)
 * @param findLinks local directories or {@code file:} URLs with build-backend wheels; empty to build with the
 *     interpreter's own setuptools and wheel (see {@link PythonPackageBuilder})
 * @param buildTimeout limit for one wheel build
 * @param testTimeout limit for one package's pytest run
 */
public record PythonSettings(String interpreter, boolean skipTests, List<String> findLinks, Duration buildTimeout,
        Duration testTimeout) {

    public PythonSettings {
        findLinks = findLinks == null ? List.of() : List.copyOf(findLinks);
    }

    public static PythonSettings defaults() {
        return new PythonSettings(null, false, List.of(), PythonPackageBuilder.DEFAULT_TIMEOUT,
                PythonTestRunner.DEFAULT_TIMEOUT);
    }

    public PythonSettings withInterpreter(String value) {
        return new PythonSettings(value, skipTests, findLinks, buildTimeout, testTimeout);
    }

    public PythonSettings withSkipTests(boolean value) {
        return new PythonSettings(interpreter, value, findLinks, buildTimeout, testTimeout);
    }

    public PythonSettings withFindLinks(List<String> value) {
        return new PythonSettings(interpreter, skipTests, value, buildTimeout, testTimeout);
    }
}
