package io.dataflow.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.run.RunnerInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What this module's build writes into the runner about itself, read the way the engine reads it before forking. */
class RunnerInfoTest {

    private static final Path CLASSES = Path.of("target", "classes");

    @TempDir
    Path dir;

    @Test
    void buildFillsInSparksOpensListAndTheVersions() {
        RunnerInfo info = RunnerInfo.read(CLASSES);

        assertThat(info.jvmOptions())
                .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                        "-Djdk.reflect.useDirectMethodHandle=false")
                .noneMatch(option -> option.contains("${"));
        assertThat(info.sparkVersion()).isEqualTo(org.apache.spark.package$.MODULE$.SPARK_VERSION());
        assertThat(info.icebergVersion()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(info.scalaBinaryVersion()).isEqualTo(scala.util.Properties.versionNumberString().replaceAll("\\.\\d+$", ""));

        // This module's Spark tests pass on the JDK running them, so the versions dataflow:run accepts must include it.
        assertThat(info.javaVersions()).contains(Runtime.version().feature()).allMatch(version -> version >= 17);
    }

    @Test
    void readsTheSameFromARunnerJarFile() throws IOException {
        Path jar = dir.resolve("runner.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry(RunnerInfo.RESOURCE));
            out.write(Files.readAllBytes(CLASSES.resolve(RunnerInfo.RESOURCE)));
        }

        assertThat(RunnerInfo.read(jar)).isEqualTo(RunnerInfo.read(CLASSES));
    }

    @Test
    void otherJarIsRefusedByName() throws IOException {
        Path jar = dir.resolve("other.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("a.txt"));
        }

        assertThatThrownBy(() -> RunnerInfo.read(jar)).isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("other.jar is not a dataflow-spark-runner JAR");
    }
}
