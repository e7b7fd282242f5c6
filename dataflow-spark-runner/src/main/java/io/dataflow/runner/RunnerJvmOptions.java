package io.dataflow.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The JVM options a JVM running {@link SparkRunnerMain} needs on JDK 17+ (Spark's {@code --add-opens}
 * list), and the Spark/Iceberg versions the runner was built and tested with. They are stored in the
 * runner JAR as {@value #RESOURCE}, so a caller that only has the JAR file can read them without loading
 * Spark: open the JAR as a zip and read that entry as {@link Properties}.
 */
public final class RunnerJvmOptions {

    public static final String RESOURCE = "io/dataflow/runner/jvm-options.properties";

    private RunnerJvmOptions() {}

    /** The JVM options, in order. */
    public static List<String> required() {
        return Arrays.stream(properties().getProperty("jvm.options").trim().split("\\s+")).toList();
    }

    /** {@code spark.version}, {@code iceberg.version}, {@code scala.binary.version} and {@code jvm.options}. */
    public static Properties properties() {
        try (InputStream in = RunnerJvmOptions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the runner's class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
