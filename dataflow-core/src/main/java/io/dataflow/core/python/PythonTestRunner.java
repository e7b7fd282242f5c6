package io.dataflow.core.python;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a Python package's tests with pytest, importing the package from its sources ({@code src/} layout or
 * flat) through {@code PYTHONPATH}, so no install is needed.
 *
 * <p>pytest runs in a temporary copy of the package (the same sources a wheel is built from), so pytest, its
 * plugins (benchmark and hypothesis databases) and the tests themselves cannot write into the user's tree, and
 * it reports paths relative to the package ({@code tests/test_job.py::test_main}). Running from the package
 * directory lets pytest honour the package's own configuration ({@code testpaths} in {@code pyproject.toml},
 * {@code pytest.ini}, {@code setup.cfg}). Tests that need pyspark are expected to skip with a reason
 * ({@code pytest.importorskip("pyspark", reason=...)}); skips are counted and their reasons reported.
 */
public final class PythonTestRunner {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

    /** pytest's closing line, e.g. {@code ===== 1 failed, 2 passed, 1 skipped in 0.71s =====}. */
    private static final Pattern CLOSING_LINE = Pattern.compile("^=+ (.*\\bin [0-9.]+s.*) =+$");
    private static final Pattern COUNT = Pattern.compile("(\\d+) (passed|failed|skipped|errors?|xfailed|xpassed)");
    private static final String SUMMARY_HEADER = "short test summary info";

    private final Duration timeout;
    private final DataflowLog log;

    public PythonTestRunner(Duration timeout, DataflowLog log) {
        this.timeout = timeout;
        this.log = log;
    }

    /** Whether the package has a {@code tests/} or {@code test/} directory or any {@code test_*.py}/{@code *_test.py}. */
    public static boolean hasTests(Path packageDir) {
        if (Files.isDirectory(packageDir.resolve("tests")) || Files.isDirectory(packageDir.resolve("test"))) {
            return true;
        }
        boolean[] found = {false};
        try {
            Files.walkFileTree(packageDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    // never descend into a virtualenv or build output: they can be huge and hold others' tests
                    return !dir.equals(packageDir) && SourceTrees.isExcludedDirectory(dir)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    found[0] = name.endsWith(".py") && (name.startsWith("test_") || name.endsWith("_test.py"));
                    return found[0] ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new EnvironmentException("Could not search " + packageDir + " for tests: " + e.getMessage(), e);
        }
        return found[0];
    }

    /**
     * Runs the package's tests; returns {@link PythonTestResult#NO_TESTS} without starting Python when it has none.
     *
     * @param interpreter usually {@link PythonInterpreters#forTesting()}
     * @throws InvalidInputException a test failed or errored, or pytest could not collect the tests; the message
     *     names the package and carries pytest's summary and the end of its output
     * @throws EnvironmentException the interpreter has no pytest, or the run timed out
     */
    public PythonTestResult run(Path packageDir, PythonInterpreter interpreter) {
        Path source = packageDir.toAbsolutePath().normalize();
        if (!hasTests(source)) {
            log.debug("No Python tests in " + source);
            return PythonTestResult.NO_TESTS;
        }
        if (!interpreter.hasPytest()) {
            throw new EnvironmentException("Cannot run the tests of " + source + ": " + interpreter.describe()
                    + " has no pytest. Install pytest for it (Debian/Ubuntu: apt-get install python3-pytest) or set -D"
                    + PythonInterpreters.PROPERTY + "=/path/to/python to an interpreter that has pytest.");
        }
        Path workDir = null;
        try {
            workDir = Files.createTempDirectory("dataflow-pytest-");
            Path copy = workDir.resolve(source.getFileName().toString());
            SourceTrees.copy(source, copy);
            List<String> command = List.of(interpreter.executable(), "-m", "pytest", "-p", "no:cacheprovider",
                    "-rfEs", "--color=no", "--rootdir=" + copy);
            PythonProcess.Outcome outcome = PythonProcess.run(command, copy,
                    Map.of("PYTHONPATH", pythonPath(copy)), timeout, "running the tests of " + source);
            return interpret(source, outcome);
        } catch (IOException e) {
            throw new EnvironmentException("Could not run pytest for " + source + " with " + interpreter.describe()
                    + ": " + e.getMessage(), e);
        } finally {
            SourceTrees.deleteQuietly(workDir);
        }
    }

    /** The package's import roots first ({@code src/} layout, then flat), then whatever the caller had. */
    private static String pythonPath(Path source) {
        List<String> entries = new ArrayList<>();
        if (Files.isDirectory(source.resolve("src"))) {
            entries.add(source.resolve("src").toString());
        }
        entries.add(source.toString());
        Optional.ofNullable(System.getenv("PYTHONPATH")).filter(path -> !path.isBlank()).ifPresent(entries::add);
        return String.join(File.pathSeparator, entries);
    }

    private PythonTestResult interpret(Path source, PythonProcess.Outcome outcome) {
        List<String> lines = outcome.output().lines().toList();
        List<String> summary = summaryLines(lines);
        List<String> skipReasons = summary.stream().filter(line -> line.startsWith("SKIPPED")).toList();
        int exitCode = outcome.exitCode();
        Optional<String> closing = lines.stream().map(String::strip).map(CLOSING_LINE::matcher)
                .filter(Matcher::matches).map(matcher -> matcher.group(1)).reduce((first, second) -> second);
        // Exit code 5: pytest collected no test (e.g. an empty tests/ directory). Not a failure, but surely not meant.
        if (exitCode == 5) {
            log.warn("pytest collected no tests in " + source + " although it has a test directory or test_*.py"
                    + " files; name test modules test_*.py and test functions test_*, or remove the empty tests.");
            return new PythonTestResult(0, 0, 0, 0, List.of(), summary);
        }
        if (exitCode != 0 && exitCode != 1 || closing.isEmpty()) {
            throw new InvalidInputException("pytest could not run the tests of " + source + " (exit code " + exitCode
                    + "). Fix the error below, e.g. an import error in a test module:" + System.lineSeparator()
                    + outcome.tail());
        }
        int[] counts = new int[4];
        Matcher matcher = COUNT.matcher(closing.get());
        while (matcher.find()) {
            int count = Integer.parseInt(matcher.group(1));
            switch (matcher.group(2)) {
                case "passed", "xfailed", "xpassed" -> counts[0] += count;
                case "failed" -> counts[1] += count;
                case "error", "errors" -> counts[2] += count;
                case "skipped" -> counts[3] += count;
                default -> { }
            }
        }
        PythonTestResult result = new PythonTestResult(counts[0], counts[1], counts[2], counts[3], skipReasons, summary);
        log.debug("pytest " + source + ": " + closing.get());
        if (exitCode == 1 || !result.successful()) {
            throw new InvalidInputException("Python tests failed in " + source + ": " + result.counts() + "."
                    + " Fix the failing tests (run them with 'pytest' in that directory). pytest's summary:"
                    + System.lineSeparator() + String.join(System.lineSeparator(), summary)
                    + System.lineSeparator() + "End of pytest's output:" + System.lineSeparator() + outcome.tail());
        }
        return result;
    }

    /** pytest's "short test summary info" section and closing line, without the {@code ===} decoration. */
    private static List<String> summaryLines(List<String> lines) {
        List<String> summary = new ArrayList<>();
        boolean inSummary = false;
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.startsWith("=") && stripped.contains(SUMMARY_HEADER)) {
                inSummary = true;
                continue;
            }
            Matcher closing = CLOSING_LINE.matcher(stripped);
            if (closing.matches()) {
                summary.add(closing.group(1));
                inSummary = false;
            } else if (inSummary && !stripped.isEmpty()) {
                summary.add(stripped);
            }
        }
        return summary;
    }
}
