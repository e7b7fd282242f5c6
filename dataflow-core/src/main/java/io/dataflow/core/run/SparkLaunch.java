package io.dataflow.core.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start the forked runner JVM.
 *
 * @param javaExecutable {@code bin/java} of a JDK 17 (Spark's Hadoop fails on JDK 25)
 * @param runnerJar the {@code dataflow-spark-runner} JAR (or its classes directory); it also records the JVM options
 *     Spark needs
 * @param sparkClasspath Spark, Iceberg and their dependencies
 * @param extraJvmOptions added after the runner's own options, e.g. {@code -Xmx4g}
 * @param environment extra environment variables of the forked JVM
 */
public record SparkLaunch(Path javaExecutable, Path runnerJar, SparkClasspath sparkClasspath, List<String> extraJvmOptions,
        Map<String, String> environment) {

    public static final String MAIN_CLASS = "io.dataflow.runner.SparkRunnerMain";

    public SparkLaunch {
        extraJvmOptions = extraJvmOptions == null ? List.of() : List.copyOf(extraJvmOptions);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /** The same launch with more environment variables (they win over ones of the same name). */
    public SparkLaunch withEnvironment(Map<String, String> more) {
        Map<String, String> merged = new java.util.HashMap<>(environment);
        merged.putAll(more);
        return new SparkLaunch(javaExecutable, runnerJar, sparkClasspath, extraJvmOptions, merged);
    }
}
