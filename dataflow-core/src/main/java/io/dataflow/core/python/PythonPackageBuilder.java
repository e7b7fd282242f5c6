package io.dataflow.core.python;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds a Python package into a wheel with {@code pip wheel}, offline ({@code --no-index}, no build isolation,
 * the user's pip configuration ignored).
 *
 * <p>setuptools writes {@code build/} and {@code *.egg-info} into the directory it builds, so the package is
 * copied to a temporary directory first: the user's source tree stays untouched. Every build uses the same
 * {@code SOURCE_DATE_EPOCH}, so unchanged sources give a byte-identical wheel (and the registry reports
 * {@code UNCHANGED} instead of a new build).
 */
public final class PythonPackageBuilder {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /** 1980-01-01T00:00:00Z, the oldest time a zip entry can carry. */
    static final String SOURCE_DATE_EPOCH = "315532800";

    private final PythonInterpreter interpreter;
    private final Duration timeout;
    private final DataflowLog log;

    /** @param interpreter usually {@link PythonInterpreters#forBuilding()} */
    public PythonPackageBuilder(PythonInterpreter interpreter, Duration timeout, DataflowLog log) {
        this.interpreter = interpreter;
        this.timeout = timeout;
        this.log = log;
    }

    /**
     * Builds the wheel of {@code packageDir} into {@code outputDir} (created if needed; wheels already in it are
     * replaced, so it holds exactly the new one afterwards).
     *
     * @return the wheel file
     * @throws InvalidInputException the directory is no Python package, or pip failed (message carries pip's output)
     * @throws EnvironmentException the interpreter cannot build wheels, the build timed out, or I/O failed
     */
    public Path build(Path packageDir, Path outputDir) {
        Path source = packageDir.toAbsolutePath().normalize();
        if (!SourceTrees.isPythonPackage(source)) {
            throw new InvalidInputException(source + " is not a Python package: it holds neither pyproject.toml nor"
                    + " setup.py. Add one, or remove this directory from the Python packages to build.");
        }
        if (!interpreter.canBuildWheels()) {
            throw new EnvironmentException(interpreter.describe() + " cannot build wheels: it lacks "
                    + String.join(", ", interpreter.missingBuildModules()) + ". Choose the interpreter with"
                    + " PythonInterpreters.forBuilding() or set -D" + PythonInterpreters.PROPERTY + ".");
        }
        Path staging = null;
        try {
            staging = Files.createTempDirectory("dataflow-whl-");
            Path copy = staging.resolve("src").resolve(source.getFileName().toString());
            SourceTrees.copy(source, copy);
            Path wheels = Files.createDirectories(staging.resolve("wheels"));
            log.debug("Building wheel of " + source + " with " + interpreter.describe());
            List<String> command = List.of(interpreter.executable(), "-m", "pip", "--isolated", "wheel",
                    "--no-deps", "--no-build-isolation", "--no-index", "--no-cache-dir", "--wheel-dir",
                    wheels.toString(), copy.toString());
            PythonProcess.Outcome outcome = PythonProcess.run(command, staging, Map.of("SOURCE_DATE_EPOCH",
                    SOURCE_DATE_EPOCH), timeout, "building the wheel of " + source);
            if (outcome.exitCode() != 0) {
                throw new InvalidInputException("Building the wheel of " + source + " failed (pip exit code "
                        + outcome.exitCode() + ", " + interpreter.describe() + "). The build runs offline without"
                        + " build isolation, so the package's build backend must be installed for that interpreter"
                        + " (setuptools is). pip's output:" + System.lineSeparator() + outcome.tail());
            }
            return moveSingleWheel(wheels, outputDir, source, outcome);
        } catch (IOException e) {
            throw new EnvironmentException("Could not build the wheel of " + source + " into " + outputDir + ": "
                    + e.getMessage(), e);
        } finally {
            SourceTrees.deleteQuietly(staging);
        }
    }

    private Path moveSingleWheel(Path wheels, Path outputDir, Path source, PythonProcess.Outcome outcome)
            throws IOException {
        List<Path> built = listWheels(wheels);
        if (built.size() != 1) {
            throw new EnvironmentException("Building " + source + " produced " + built.size()
                    + " wheels instead of one. pip's output:" + System.lineSeparator() + outcome.tail());
        }
        Files.createDirectories(outputDir);
        for (Path stale : listWheels(outputDir)) {
            Files.delete(stale);
        }
        Path wheel = outputDir.resolve(built.get(0).getFileName().toString());
        Files.move(built.get(0), wheel, StandardCopyOption.REPLACE_EXISTING);
        log.debug("Built " + wheel);
        return wheel;
    }

    private static List<Path> listWheels(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".whl") && Files.isRegularFile(file))
                    .sorted().toList();
        }
    }
}
