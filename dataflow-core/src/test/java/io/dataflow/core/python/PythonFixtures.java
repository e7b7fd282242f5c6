package io.dataflow.core.python;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Copies the Python fixture packages out of the test resources and finds interpreters able to use them. */
final class PythonFixtures {

    private PythonFixtures() {}

    /** Copies {@code src/test/resources/python/<name>} into {@code parent}; tests work on the copy only. */
    static Path copy(String name, Path parent) throws IOException {
        Path source;
        try {
            source = Path.of(PythonFixtures.class.getResource("/python/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path target = parent.resolve(name);
        try (Stream<Path> paths = Files.walk(source)) {
            paths.forEach(path -> {
                try {
                    Files.copy(path, target.resolve(source.relativize(path).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return target;
    }

    /** Every file and directory below {@code root}, relative, sorted: compared before and after to prove nothing was written. */
    static List<String> tree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.map(path -> root.relativize(path).toString()).sorted().toList();
        }
    }

    /** The interpreter the default probe picks for building, or the test is skipped saying why. */
    static PythonInterpreter buildInterpreter() {
        try {
            return new PythonInterpreters(null, DataflowLog.SILENT).forBuilding();
        } catch (EnvironmentException e) {
            assumeTrue(false, "No Python interpreter on this machine can build wheels offline, so wheel builds"
                    + " cannot be tested here: " + e.getMessage());
            throw e;
        }
    }

    /** The interpreter the default probe picks for pytest, or the test is skipped saying why. */
    static PythonInterpreter testInterpreter() {
        try {
            return new PythonInterpreters(null, DataflowLog.SILENT).forTesting();
        } catch (EnvironmentException e) {
            assumeTrue(false, "No Python interpreter on this machine has pytest, so Python tests cannot be run"
                    + " here: " + e.getMessage());
            throw e;
        }
    }

    /** Runs a command to completion, failing the test with its output when it fails. */
    static String run(Path workingDir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new AssertionError(String.join(" ", command) + " failed with exit code " + exit + ":\n" + output);
        }
        return output;
    }
}
