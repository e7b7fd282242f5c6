package io.dataflow.core.run;

import io.dataflow.core.EnvironmentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a {@code dataflow-spark-runner} JAR records about itself ({@value #RESOURCE}): the JVM options Spark needs on
 * JDK 17 and the Spark, Iceberg and Scala versions it was built and tested with, and the Java feature versions that
 * Spark supports. Read without loading the JAR.
 */
public record RunnerInfo(List<String> jvmOptions, String sparkVersion, String icebergVersion,
        String scalaBinaryVersion, List<Integer> javaVersions) {

    public static final String RESOURCE = "io/dataflow/runner/jvm-options.properties";

    /** Reads a runner JAR, or the runner's classes directory. */
    public static RunnerInfo read(Path runnerJar) {
        Properties properties = new Properties();
        try {
            if (Files.isDirectory(runnerJar)) {
                try (InputStream in = Files.newInputStream(runnerJar.resolve(RESOURCE))) {
                    properties.load(in);
                }
            } else {
                try (ZipFile zip = new ZipFile(runnerJar.toFile())) {
                    ZipEntry entry = zip.getEntry(RESOURCE);
                    if (entry == null) {
                        throw new EnvironmentException(runnerJar + " is not a dataflow-spark-runner JAR (it has no "
                                + RESOURCE + "); use the runner of the plugin's version.");
                    }
                    try (InputStream in = zip.getInputStream(entry)) {
                        properties.load(in);
                    }
                }
            }
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read " + RESOURCE + " from " + runnerJar + ": " + e, e);
        }
        return new RunnerInfo(words(properties.getProperty("jvm.options")),
                properties.getProperty("spark.version"), properties.getProperty("iceberg.version"),
                properties.getProperty("scala.binary.version"), javaVersions(runnerJar, properties));
    }

    private static List<String> words(String value) {
        String trimmed = value == null ? "" : value.trim();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }

    private static List<Integer> javaVersions(Path runnerJar, Properties properties) {
        try {
            List<Integer> versions = words(properties.getProperty("java.versions")).stream().map(Integer::valueOf)
                    .toList();
            if (!versions.isEmpty()) {
                return versions;
            }
        } catch (NumberFormatException e) {
            // reported below, as for a missing entry
        }
        throw new EnvironmentException(runnerJar + " does not list the Java versions Spark supports (java.versions in "
                + RESOURCE + "); use the runner of the plugin's version.");
    }

    /** {@code 4.1} of {@code 4.1.3}: the Spark line in Iceberg's runtime artifact id. */
    public static String sparkLine(String sparkVersion) {
        String[] parts = sparkVersion.split("\\.");
        return parts.length < 2 ? sparkVersion : parts[0] + "." + parts[1];
    }
}
