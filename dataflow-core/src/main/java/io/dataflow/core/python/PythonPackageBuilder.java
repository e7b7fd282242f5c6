package io.dataflow.core.python;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
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

    /** The user property (and plugin parameter) listing local find-links for build backends. */
    public static final String FIND_LINKS_PROPERTY = "dataflow.python.findLinks";

    /** 1980-01-01T00:00:00Z, the oldest time a zip entry can carry. */
    static final String SOURCE_DATE_EPOCH = "315532800";

    private final PythonInterpreter interpreter;
    private final List<String> findLinks;
    private final Duration timeout;
    private final DataflowLog log;

    /** Builds with the interpreter's own setuptools and wheel. @param interpreter usually {@link PythonInterpreters#forBuilding()} */
    public PythonPackageBuilder(PythonInterpreter interpreter, Duration timeout, DataflowLog log) {
        this(interpreter, List.of(), timeout, log);
    }

    /**
     * @param interpreter {@link PythonInterpreters#forBuilding()}, or {@link PythonInterpreters#forIsolatedBuilding()}
     *     when {@code findLinks} is not empty
     * @param findLinks local directories or {@code file:} URLs holding the build backend's wheels (setuptools,
     *     wheel, hatchling, …); when given, pip builds in an isolated environment filled from them, still offline
     * @throws InvalidInputException a find-links entry is not local
     */
    public PythonPackageBuilder(PythonInterpreter interpreter, List<String> findLinks, Duration timeout,
            DataflowLog log) {
        this.interpreter = interpreter;
        this.findLinks = validateFindLinks(findLinks);
        this.timeout = timeout;
        this.log = log;
    }

    private static List<String> validateFindLinks(List<String> findLinks) {
        List<String> valid = new ArrayList<>();
        for (String link : findLinks) {
            String trimmed = link == null ? "" : link.trim();
            if (!trimmed.isEmpty()) {
                valid.add(localFindLinks(trimmed).toAbsolutePath().toString());
            }
        }
        return List.copyOf(valid);
    }

    private static Path localFindLinks(String link) {
        Path local = null;
        try {
            if (link.startsWith("file:")) {
                local = Path.of(URI.create(link));
            } else if (!link.contains("://")) {
                local = Path.of(link);
            }
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            local = null; // reported below like any other unusable entry
        }
        if (local == null || !Files.exists(local)) {
            throw new InvalidInputException("Python find-links entry '" + link + "' (" + FIND_LINKS_PROPERTY
                    + ") is not an existing local directory, file or file: URL. Wheels are built offline: point it"
                    + " at a local directory holding the build backend's wheels (e.g. setuptools and wheel).");
        }
        return local;
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
        if (findLinks.isEmpty() ? !interpreter.canBuildWheels() : !interpreter.canBuildWheelsInIsolation()) {
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
            List<String> command = new ArrayList<>(List.of(interpreter.executable(), "-m", "pip", "--isolated",
                    "wheel", "--no-deps", "--no-index", "--no-cache-dir", "--wheel-dir", wheels.toString()));
            if (findLinks.isEmpty()) {
                command.add("--no-build-isolation");
            }
            findLinks.forEach(link -> command.addAll(List.of("--find-links", link)));
            command.add(copy.toString());
            PythonProcess.Outcome outcome = PythonProcess.run(command, staging, Map.of("SOURCE_DATE_EPOCH",
                    SOURCE_DATE_EPOCH), timeout, "building the wheel of " + source);
            if (outcome.exitCode() != 0) {
                throw new InvalidInputException("Building the wheel of " + source + " failed (pip exit code "
                        + outcome.exitCode() + ", " + interpreter.describe() + "). The build runs offline, so the package's"
                        + " build backend must be " + (findLinks.isEmpty()
                                ? "installed for that interpreter (setuptools is)"
                                : "among the wheels of " + FIND_LINKS_PROPERTY + " " + findLinks)
                        + ". pip's output:" + System.lineSeparator() + outcome.tail());
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
