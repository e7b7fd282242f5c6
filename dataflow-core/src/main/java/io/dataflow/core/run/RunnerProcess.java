package io.dataflow.core.run;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Forks {@code io.dataflow.runner.SparkRunnerMain} and waits for it. The runner's progress lines (stdout) go to the
 * log as they come; Spark's own output (stderr, WARN and above) goes to the debug log, and its last lines are shown
 * when the run fails. Both are kept in {@code runner.log} in the run directory.
 */
final class RunnerProcess {

    private static final int STDERR_TAIL = 30;

    private final Deque<String> stderrTail = new ArrayDeque<>();

    /** Runs {@code SparkRunnerMain <plan> <result>} in the plan's directory; @return the exit code */
    int run(SparkLaunch launch, Path planFile, Path resultFile, Path logFile, DataflowLog log) {
        return run(launch, SparkLaunch.MAIN_CLASS, List.of(planFile.toAbsolutePath().toString(),
                resultFile.toAbsolutePath().toString()), planFile.toAbsolutePath().getParent(), logFile, log);
    }

    /**
     * Runs one main class of the runner JAR with Spark's class path and JVM options.
     *
     * @return the exit code
     */
    int run(SparkLaunch launch, String mainClass, List<String> arguments, Path directory, Path logFile,
            DataflowLog log) {
        List<String> command = new ArrayList<>();
        command.add(launch.javaExecutable().toString());
        command.addAll(RunnerInfo.read(launch.runnerJar()).jvmOptions());
        command.addAll(launch.extraJvmOptions());
        command.add("-cp");
        command.add(launch.sparkClasspath().withRunner(launch.runnerJar()));
        command.add(mainClass);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().putAll(launch.environment());
        log.debug("Forking the Spark runner: " + String.join(" ", command.subList(0, command.indexOf("-cp")))
                + " -cp <runner + " + launch.sparkClasspath().jars().size() + " JARs> " + mainClass);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EnvironmentException("Cannot start " + launch.javaExecutable() + " for the Spark runner: "
                    + e.getMessage() + ". Point dataflow.java at the java executable of a JDK 17.", e);
        }
        try (BufferedWriter runnerLog = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            Thread out = pump(process.getInputStream(), line -> {
                log.info(line);
                write(runnerLog, line);
            });
            Thread err = pump(process.getErrorStream(), line -> {
                log.debug(line);
                write(runnerLog, line);
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_TAIL) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
            });
            int exit = process.waitFor();
            out.join();
            err.join();
            return exit;
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while the Spark runner was running; it was stopped.", e);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot write " + logFile + ": " + e.getMessage(), e);
        }
    }

    /** The last lines the runner wrote to stderr (Spark's warnings and errors, stack traces). */
    List<String> stderrTail() {
        synchronized (stderrTail) {
            return List.copyOf(stderrTail);
        }
    }

    private static void write(BufferedWriter writer, String line) {
        synchronized (writer) {
            try {
                writer.write(line);
                writer.newLine();
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Thread pump(InputStream stream, Consumer<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException | UncheckedIOException e) {
                // The process ended or the log could not be written; the exit code and result.json still tell.
            }
        }, "dataflow-run-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
