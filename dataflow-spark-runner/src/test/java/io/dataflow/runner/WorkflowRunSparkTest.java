package io.dataflow.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.contract.run.TaskResult;
import io.dataflow.contract.run.TaskStatus;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.fixtures.ArchetypeSample;
import io.dataflow.core.fixtures.RecordingLog;
import io.dataflow.core.registry.LocalObjectStore;
import io.dataflow.core.run.RunRecord;
import io.dataflow.core.run.RunRecords;
import io.dataflow.core.run.RunRequest;
import io.dataflow.core.run.SparkClasspath;
import io.dataflow.core.run.SparkLaunch;
import io.dataflow.core.run.WorkflowRuns;
import io.dataflow.core.run.WorkingTreeRelease;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dataflow:run} end to end, minus Maven: the SparkSQL archetype's {@code main} workflow (made from the
 * archetype's own resources) is released into a
 * local registry, then the engine plans it from the bundle alone, forks THIS runner (its classes directory) on the
 * real Spark + Iceberg class path, and records the run. One Spark run (about 30 s).
 */
class WorkflowRunSparkTest {

    private static final String MAIN = "stranger-data.top-titles-sql.main";

    @TempDir
    Path dir;

    @Test
    void runsTheArchetypeMainWorkflowFromItsBundleOnRealSparkAndRecordsIt() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("registry"));
        Path project = ArchetypeSample.generate("sparksql", dir.resolve("project"));
        WorkingTreeRelease.release(project, List.of(), store, DataflowLog.SILENT);
        // Nothing may be read from the project: the run must work from the bundle alone.
        deleteTree(project);
        Path warehouse = dir.resolve("warehouse");
        RecordingLog log = new RecordingLog(true);

        RunRecord record = new WorkflowRuns(store, log).run(
                RunRequest.of(MAIN).withRunsDirectory(dir.resolve("runs")).withWarehouse(warehouse.toString())
                        .withParams(Map.of("DATE", "2024-01-02")),
                new SparkLaunch(Path.of(System.getProperty("java.home"), "bin", "java"), Path.of("target", "classes"),
                        sparkClasspath(), List.of("-Xmx1g"), null));

        assertThat(record.status()).as(log.toString()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(record.tasks()).extracting(TaskResult::id, TaskResult::status).containsExactly(
                tuple("source_ddl"), tuple("sample_data"), tuple("target_ddl"), tuple("metadata"), tuple("wap"), tuple("hwm"));
        assertThat(record.task("wap").audits()).hasSize(3);
        assertThat(log.lines()).anyMatch(line -> line.startsWith("[dataflow-run]"));
        assertThat(store.read(RunRecords.key(MAIN, record.runId()))).isPresent();

        // The published snapshot carries the run's provenance; the high-water mark is the day that ran.
        JsonNode table = currentMetadata(warehouse.resolve("dataflow_sample_jdoe/top_titles"));
        long published = record.task("wap").publishedSnapshots().values().iterator().next();
        assertThat(table.path("current-snapshot-id").asLong()).isEqualTo(published);
        JsonNode summary = snapshot(table, published).path("summary");
        assertThat(summary.path("dataflow.run-id").asText()).isEqualTo(record.runId());
        assertThat(summary.path("dataflow.bundle-digest").asText()).isEqualTo(record.bundleDigest());
        assertThat(table.path("properties").path("dataflow.hwm.datetime").asText()).isEqualTo("2024-01-02T00:00:00");
        assertThat(table.path("properties").path("dataflow.owner").asText()).isEqualTo("jdoe");
    }

    private static org.assertj.core.groups.Tuple tuple(String id) {
        return org.assertj.core.groups.Tuple.tuple(id, TaskStatus.SUCCEEDED);
    }

    private static SparkClasspath sparkClasspath() {
        return new SparkClasspath(Arrays.stream(JobJars.testClassPath().split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).map(Path::of).toList());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static JsonNode currentMetadata(Path table) throws IOException {
        Path metadata = table.resolve("metadata");
        String version = Files.readString(metadata.resolve("version-hint.text")).strip();
        return new ObjectMapper().readTree(metadata.resolve("v" + version + ".metadata.json").toFile());
    }

    private static JsonNode snapshot(JsonNode metadata, long id) {
        for (JsonNode snapshot : metadata.path("snapshots")) {
            if (snapshot.path("snapshot-id").asLong() == id) {
                return snapshot;
            }
        }
        throw new AssertionError("no snapshot " + id);
    }
}
