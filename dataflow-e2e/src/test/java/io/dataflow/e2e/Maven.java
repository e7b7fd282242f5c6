package io.dataflow.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the Maven installation that runs this build ({@code maven.home}) as a separate process, on the same local
 * repository, so the tests use the plugin, runner and archetypes the reactor has just installed. Every call's output
 * is kept in a numbered log file beside the project; a failure shows the end of it.
 */
final class Maven {

    private static final int OUTPUT_TAIL_LINES = 150;

    private final Path logDirectory;
    private final List<String> commonOptions;
    private final AtomicInteger calls = new AtomicInteger();

    /**
     * @param logDirectory where the output of each call is kept
     * @param commonOptions options given to every call (registry, warehouse, ...)
     */
    Maven(Path logDirectory, List<String> commonOptions) {
        this.logDirectory = logDirectory;
        this.commonOptions = List.copyOf(commonOptions);
    }

    static String dataflowVersion() {
        return required("e2e.dataflowVersion");
    }

    /** Runs {@code mvn <args>} in {@code directory}, fails the test with the output unless the build succeeds. */
    String succeed(Path directory, String... args) {
        return succeeded(run(directory, args), "mvn " + String.join(" ", args), directory);
    }

    Result run(Path directory, String... args) {
        List<String> command = new ArrayList<>();
        command.add(mavenHome().resolve("bin").resolve(isWindows() ? "mvn.cmd" : "mvn").toString());
        command.add("-B");
        command.add("-ntp");
        command.add(localRepositoryOption());
        command.addAll(commonOptions);
        command.addAll(List.of(args));
        return execute(command, directory, Map.of(), logName(args));
    }

    /**
     * Runs a bash script with this Maven first on the PATH and {@code DATAFLOW_MVN_OPTS} holding the local
     * repository and the common options; fails the test with the output unless it exits with 0.
     */
    String succeedScript(Path script, Path directory, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(environment);
        env.put("PATH", mavenHome().resolve("bin") + File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
        List<String> options = new ArrayList<>(List.of(localRepositoryOption()));
        options.addAll(commonOptions);
        env.put("DATAFLOW_MVN_OPTS", String.join(" ", options));
        String name = script.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "_");
        return succeeded(execute(command, directory, env, name), String.join(" ", command), directory);
    }

    static boolean isWindows() {
        return System.getProperty("os.name").startsWith("Windows");
    }

    private String succeeded(Result result, String description, Path directory) {
        if (result.exitCode() != 0) {
            fail(description + " failed with exit code " + result.exitCode() + " in " + directory + " (full output: "
                    + result.log() + "). Last lines:\n" + tail(result.output()));
        }
        return result.output();
    }

    private Result execute(List<String> command, Path directory, Map<String, String> environment, String name) {
        Path log = logDirectory.resolve(String.format("%02d-%s.log", calls.incrementAndGet(), name));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The same JDK as this build: Spark needs 17, and the machine's default java may differ.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_ARGS");
        builder.environment().putAll(environment);
        Duration timeout = Duration.ofMinutes(Long.parseLong(System.getProperty("e2e.mavenTimeoutMinutes", "20")));
        try {
            Files.createDirectories(logDirectory);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMinutes(), TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                fail(String.join(" ", command) + " did not end within " + timeout + "; output: " + log + "\n"
                        + tail(Files.readString(log, StandardCharsets.UTF_8)));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + command.get(0), e);
        }
    }

    private static Path mavenHome() {
        return Path.of(required("maven.home"));
    }

    private static String localRepositoryOption() {
        return "-Dmaven.repo.local=" + required("e2e.localRepository");
    }

    record Result(int exitCode, String output, Path log) {}

    private static String logName(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return "mvn-" + arg.substring(arg.lastIndexOf(':') + 1).replaceAll("[^A-Za-z0-9_-]", "_");
            }
        }
        return "mvn";
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size()));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: run these tests through"
                    + " Maven (mvn verify -pl dataflow-e2e), whose failsafe configuration sets it.");
        }
        return value;
    }
}
