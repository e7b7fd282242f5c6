package io.dataflow.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerJvmOptionsTest {

    @TempDir
    Path dir;

    @Test
    void buildFillsInSparksOpensListAndTheVersions() {
        assertThat(RunnerJvmOptions.required())
                .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                        "-Djdk.reflect.useDirectMethodHandle=false")
                .noneMatch(option -> option.contains("${"));
        assertThat(RunnerJvmOptions.properties().getProperty("spark.version")).isEqualTo(org.apache.spark.package$.MODULE$.SPARK_VERSION());
        assertThat(RunnerJvmOptions.properties().getProperty("iceberg.version")).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void readsTheSameOptionsFromARunnerJarFile() throws IOException {
        Path jar = dir.resolve("runner.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar));
                InputStream resource = getClass().getClassLoader().getResourceAsStream(RunnerJvmOptions.RESOURCE)) {
            out.putNextEntry(new ZipEntry(RunnerJvmOptions.RESOURCE));
            resource.transferTo(out);
        }

        assertThat(RunnerJvmOptions.required(jar)).isEqualTo(RunnerJvmOptions.required());
    }

    @Test
    void otherJarIsRefusedByName() throws IOException {
        Path jar = dir.resolve("other.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("a.txt"));
        }

        assertThatThrownBy(() -> RunnerJvmOptions.required(jar))
                .hasMessageContaining("other.jar is not a dataflow-spark-runner JAR");
    }
}
