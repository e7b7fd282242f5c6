package io.dataflow.core.python;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Chooses the Python interpreter for building wheels and for running tests. An interpreter configured with
 * {@value #PROPERTY} is the only one used, and must be able to do the job; otherwise the candidates are probed in
 * order and the first able one wins (on Debian-like machines {@code /usr/bin/python3} often has setuptools and
 * wheel while a pyenv {@code python3} earlier on the PATH has pytest but no wheel).
 *
 * <p>Probes are cached per instance; an instance is safe to share between threads.
 */
public final class PythonInterpreters {

    /** The user property (and plugin parameter) naming an explicit interpreter. */
    public static final String PROPERTY = "dataflow.python";

    public static final List<String> DEFAULT_CANDIDATES = List.of("python3", "/usr/bin/python3", "python");

    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(30);

    private static final String PROBE_SCRIPT = String.join("\n",
            "import sys",
            "print(sys.executable)",
            "print('%d.%d.%d' % tuple(sys.version_info[:3]))",
            "import importlib.util",
            "for name in ('pip', 'setuptools', 'wheel', 'pytest'):",
            "    print(name + '=' + str(importlib.util.find_spec(name) is not None))");

    private static final String MINIMUM_VERSION = "3.8";

    /** Java's {@code Cannot run program "x" (in directory "/tmp"): } before the OS reason, which is what helps. */
    private static final Pattern START_FAILURE_PREFIX =
            Pattern.compile("^Cannot run program \"[^\"]*\"( \\(in directory \"[^\"]*\"\\))?: ");

    private static final String FIX_BUILD = "Install the build tools for a system Python 3 (Debian/Ubuntu: "
            + "apt-get install python3-pip python3-setuptools python3-wheel) or point -D" + PROPERTY
            + "=/path/to/python at an interpreter that has pip, setuptools and wheel (or list local directories holding"
            + " the setuptools and wheel wheels in -D" + PythonPackageBuilder.FIND_LINKS_PROPERTY + ").";

    private static final String FIX_TEST = "Install pytest for a Python 3 (Debian/Ubuntu: apt-get install "
            + "python3-pytest, or '<python> -m pip install pytest' where an index is reachable) or point -D" + PROPERTY
            + "=/path/to/python at an interpreter that has pytest.";

    /** An interpreter, or why the candidate could not be used. */
    private record Probe(String command, PythonInterpreter interpreter, String problem) {}

    private final String configured;
    private final List<String> candidates;
    private final Duration probeTimeout;
    private final DataflowLog log;
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();

    /** Probes {@link #DEFAULT_CANDIDATES} unless {@code configured} (the value of {@value #PROPERTY}) is set. */
    public PythonInterpreters(String configured, DataflowLog log) {
        this(configured, DEFAULT_CANDIDATES, DEFAULT_PROBE_TIMEOUT, log);
    }

    public PythonInterpreters(String configured, List<String> candidates, Duration probeTimeout, DataflowLog log) {
        this.configured = configured == null || configured.isBlank() ? null : configured.trim();
        this.candidates = List.copyOf(candidates);
        this.probeTimeout = probeTimeout;
        this.log = log;
    }

    /**
     * @return an interpreter with pip, setuptools and wheel
     * @throws InvalidInputException the configured interpreter cannot run or lacks a module (names it and the fix)
     * @throws EnvironmentException no candidate can build wheels (lists each and what it lacked)
     */
    public PythonInterpreter forBuilding() {
        return choose("build wheels offline", PythonInterpreter::canBuildWheels,
                interpreter -> "lacks " + String.join(", ", interpreter.missingBuildModules()), FIX_BUILD);
    }

    /**
     * For builds whose build backend comes from local find-links ({@link PythonSettings#findLinks()}): pip is
     * enough, setuptools and wheel are installed into pip's isolated build environment from those links.
     *
     * @return an interpreter with pip
     * @throws InvalidInputException the configured interpreter cannot run or lacks pip
     * @throws EnvironmentException no candidate has pip
     */
    public PythonInterpreter forIsolatedBuilding() {
        return choose("build wheels offline", PythonInterpreter::canBuildWheelsInIsolation,
                interpreter -> "lacks pip", FIX_BUILD);
    }

    /**
     * @return an interpreter with pytest
     * @throws InvalidInputException the configured interpreter cannot run or lacks pytest
     * @throws EnvironmentException no candidate has pytest (lists each and what it lacked)
     */
    public PythonInterpreter forTesting() {
        return choose("run pytest", PythonInterpreter::hasPytest, interpreter -> "lacks pytest", FIX_TEST);
    }

    private PythonInterpreter choose(String job, Predicate<PythonInterpreter> able,
            Function<PythonInterpreter, String> lack, String fix) {
        if (configured != null) {
            Probe probe = probe(configured);
            if (probe.interpreter() == null) {
                throw new InvalidInputException(PROPERTY + "=" + configured + " cannot be used to " + job + ": "
                        + probe.problem() + ". Set " + PROPERTY + " to a Python " + MINIMUM_VERSION
                        + "+ interpreter, or remove it to let Dataflow probe " + String.join(", ", candidates) + ".");
            }
            if (!able.test(probe.interpreter())) {
                throw new InvalidInputException(PROPERTY + "=" + configured + " cannot " + job + ": "
                        + probe.interpreter().describe() + " " + lack.apply(probe.interpreter()) + ". " + fix);
            }
            return probe.interpreter();
        }
        StringBuilder tried = new StringBuilder();
        for (String candidate : candidates) {
            Probe probe = probe(candidate);
            PythonInterpreter interpreter = probe.interpreter();
            if (interpreter != null && able.test(interpreter)) {
                log.debug("Python interpreter to " + job + ": " + interpreter.describe());
                return interpreter;
            }
            tried.append(System.lineSeparator()).append("  - ").append(interpreter == null
                    ? candidate + ": " + probe.problem()
                    : interpreter.describe() + ": " + lack.apply(interpreter));
        }
        throw new EnvironmentException("No Python interpreter on this machine can " + job + ". Tried:" + tried
                + System.lineSeparator() + fix);
    }

    /** Runs {@code command} once (cached) and reports what it is and which modules it has. */
    private Probe probe(String command) {
        return probes.computeIfAbsent(command, this::runProbe);
    }

    private Probe runProbe(String command) {
        PythonProcess.Outcome outcome;
        try {
            outcome = PythonProcess.run(List.of(command, "-c", PROBE_SCRIPT), Path.of(System.getProperty("java.io.tmpdir")),
                    Map.of(), probeTimeout, "probing the Python interpreter " + command);
        } catch (IOException e) {
            String reason = START_FAILURE_PREFIX.matcher(String.valueOf(e.getMessage())).replaceFirst("");
            return new Probe(command, null, "cannot be started (" + reason + ")");
        } catch (EnvironmentException e) {
            return new Probe(command, null, e.getMessage());
        }
        List<String> lines = outcome.output().lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
        if (outcome.exitCode() != 0 || lines.size() < 2) {
            return new Probe(command, null, "is not a working Python " + MINIMUM_VERSION + "+ (exit code "
                    + outcome.exitCode() + ": " + outcome.tail().strip() + ")");
        }
        String version = lines.get(1);
        if (compareVersions(version, MINIMUM_VERSION) < 0) {
            return new Probe(command, null, "is Python " + version + ", older than " + MINIMUM_VERSION);
        }
        Set<String> modules = new HashSet<>();
        lines.stream().filter(line -> line.endsWith("=True"))
                .forEach(line -> modules.add(line.substring(0, line.length() - "=True".length())));
        PythonInterpreter interpreter = new PythonInterpreter(command, lines.get(0), version, modules);
        log.debug("Probed " + interpreter.describe() + ": has "
                + modules.stream().sorted().collect(Collectors.joining(", ")));
        return new Probe(command, interpreter, null);
    }

    private static int compareVersions(String version, String minimum) {
        String[] have = version.split("\\.");
        String[] want = minimum.split("\\.");
        for (int i = 0; i < want.length; i++) {
            int part = i < have.length ? parseOrZero(have[i]) : 0;
            int difference = part - Integer.parseInt(want[i]);
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    private static int parseOrZero(String number) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
