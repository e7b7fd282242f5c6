package io.dataflow.runner;

import io.dataflow.core.run.RunnerInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@link SparkRunnerMain} in its own JVM, started the way dataflow:run starts it, with this module's class path. */
final class ForkedRunner {

    /** What this module's build recorded about the runner, read the way the engine reads it before forking. */
    static final RunnerInfo RUNNER = RunnerInfo.read(Path.of("target", "classes"));

    record Fork(int exitCode, String output) {}

    private ForkedRunner() {}

    /** Runs the plan; the JVM's output goes to {@code dir/fork-output.txt} and into the result. */
    static Fork run(Path dir, Path planFile, Path resultFile, Map<String, String> environment,
            String... extraJvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(RUNNER.jvmOptions());
        command.addAll(List.of(extraJvmOptions));
        command.addAll(List.of("-cp", JobJars.testClassPath(), SparkRunnerMain.class.getName(),
                planFile.toString(), resultFile.toString()));
        Path output = dir.resolve("fork-output.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("forked runner did not finish within 4 minutes:\n" + Files.readString(output));
        }
        return new Fork(process.exitValue(), Files.readString(output));
    }
}
