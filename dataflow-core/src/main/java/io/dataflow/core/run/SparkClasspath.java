package io.dataflow.core.run;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Spark, Iceberg and their dependencies for the forked runner, resolved by the caller (the Maven plugin uses
 * Maven's resolver), so that the engine needs no Maven types.
 */
public record SparkClasspath(List<Path> jars) {

    public SparkClasspath {
        jars = List.copyOf(jars);
        if (jars.isEmpty()) {
            throw new IllegalArgumentException("the Spark class path is empty");
        }
    }

    /** The runner first, then Spark: the {@code -cp} value of the forked JVM. */
    String withRunner(Path runnerJar) {
        return runnerJar.toAbsolutePath() + File.pathSeparator
                + jars.stream().map(jar -> jar.toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }
}
