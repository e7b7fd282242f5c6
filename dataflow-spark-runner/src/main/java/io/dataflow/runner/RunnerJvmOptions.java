package io.dataflow.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The JVM options a JVM running {@link SparkRunnerMain} needs on JDK 17+ (Spark's {@code --add-opens}
 * list), and the Spark/Iceberg versions the runner was built and tested with. They are stored in the
 * runner JAR as {@value #RESOURCE}; {@link #required(Path)} reads them from the JAR file without loading
 * anything from it, for the process that forks the runner.
 */
public final class RunnerJvmOptions {

    public static final String RESOURCE = "io/dataflow/runner/jvm-options.properties";

    private RunnerJvmOptions() {}

    /** The JVM options, in order, as this class's own JAR (or classes directory) records them. */
    public static List<String> required() {
        return options(properties());
    }

    /** The JVM options recorded in a runner JAR file. */
    public static List<String> required(Path runnerJar) {
        return options(properties(runnerJar));
    }

    /** {@code spark.version}, {@code iceberg.version}, {@code scala.binary.version} and {@code jvm.options}. */
    public static Properties properties() {
        try (InputStream in = RunnerJvmOptions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the runner's class path");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same properties, read from a runner JAR file. */
    public static Properties properties(Path runnerJar) {
        try (ZipFile jar = new ZipFile(runnerJar.toFile())) {
            ZipEntry entry = jar.getEntry(RESOURCE);
            if (entry == null) {
                throw new IllegalArgumentException(runnerJar + " is not a dataflow-spark-runner JAR: it has no " + RESOURCE);
            }
            try (InputStream in = jar.getInputStream(entry)) {
                return load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE + " from " + runnerJar, e);
        }
    }

    private static Properties load(InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        return properties;
    }

    private static List<String> options(Properties properties) {
        return Arrays.stream(properties.getProperty("jvm.options").trim().split("\\s+")).toList();
    }
}
