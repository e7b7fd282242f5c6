package io.dataflow.core.python;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Python interpreter that was run and inspected.
 *
 * @param command how it was named (configured path or a probed candidate such as {@code python3})
 * @param executable the interpreter's own {@code sys.executable}; what every later process runs
 * @param version e.g. {@code 3.11.2}
 * @param modules which of {@code pip}, {@code setuptools}, {@code wheel}, {@code pytest} it can import
 */
public record PythonInterpreter(String command, String executable, String version, Set<String> modules) {

    /** Modules a wheel build needs: {@code pip wheel --no-build-isolation} uses the interpreter's own setuptools and wheel. */
    public static final List<String> BUILD_MODULES = List.of("pip", "setuptools", "wheel");

    public static final String PYTEST = "pytest";

    public PythonInterpreter {
        modules = Set.copyOf(modules);
    }

    /** The build modules this interpreter lacks; empty when it can build wheels offline with its own setuptools. */
    public List<String> missingBuildModules() {
        List<String> missing = new ArrayList<>();
        BUILD_MODULES.stream().filter(module -> !modules.contains(module)).forEach(missing::add);
        return missing;
    }

    /** Whether it can build wheels with its own setuptools and wheel (no build isolation). */
    public boolean canBuildWheels() {
        return missingBuildModules().isEmpty();
    }

    /** Whether it can build wheels in an isolated build environment filled from local find-links (needs pip only). */
    public boolean canBuildWheelsInIsolation() {
        return modules.contains("pip");
    }

    public boolean hasPytest() {
        return modules.contains(PYTEST);
    }

    /** e.g. {@code python3 (/usr/bin/python3, Python 3.11.2)}. */
    public String describe() {
        return command + " (" + executable + ", Python " + version + ")";
    }
}
