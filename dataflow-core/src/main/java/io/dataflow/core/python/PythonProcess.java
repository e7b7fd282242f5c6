package io.dataflow.core.python;

import io.dataflow.core.EnvironmentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one Python process offline: output captured to a file (no pipe can fill up and block it), a hard
 * timeout that kills the whole process tree, and an environment that cannot reach a package index.
 */
final class PythonProcess {

    /** Lines of output kept in error messages: enough to show pip's or pytest's error, not a whole log. */
    static final int TAIL_LINES = 60;

    record Outcome(int exitCode, String output) {

        /** The last {@link #TAIL_LINES} lines of the output. */
        String tail() {
            List<String> lines = output.lines().toList();
            List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
            return String.join(System.lineSeparator(), tail);
        }
    }

    private PythonProcess() {}

    /**
     * @param description what runs, for error messages, e.g. "building the wheel of hello_world"
     * @throws IOException the command could not be started (not found, not executable)
     */
    static Outcome run(List<String> command, Path workingDir, Map<String, String> extraEnvironment, Duration timeout,
            String description) throws IOException {
        Path log = Files.createTempFile("dataflow-python-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            Map<String, String> environment = builder.environment();
            // The user's pip configuration may point at indexes or find-links; a build must not depend on it.
            environment.keySet().removeIf(name -> name.startsWith("PIP_"));
            environment.put("PIP_NO_INDEX", "1");
            environment.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
            environment.put("PIP_NO_INPUT", "1");
            environment.put("PYTHONDONTWRITEBYTECODE", "1");
            environment.put("PYTHONNOUSERSITE", "1");
            environment.putAll(extraEnvironment);
            Process process = builder.start();
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                destroyTree(process);
                Thread.currentThread().interrupt();
                throw new EnvironmentException("Interrupted while " + description + ".", e);
            }
            if (!finished) {
                destroyTree(process);
                throw new EnvironmentException("Timed out after " + timeout.toSeconds() + " s while " + description
                        + " (" + String.join(" ", command) + "). Output so far:" + System.lineSeparator()
                        + new Outcome(-1, read(log)).tail());
            }
            return new Outcome(process.exitValue(), read(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String read(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
