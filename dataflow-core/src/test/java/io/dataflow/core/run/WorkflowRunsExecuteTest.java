package io.dataflow.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.contract.run.TaskResult;
import io.dataflow.contract.run.TaskStatus;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.bundle.Manifest;
import io.dataflow.core.fixtures.RecordingLog;
import io.dataflow.core.params.SecretNames;
import io.dataflow.core.registry.LocalObjectStore;
import io.dataflow.core.release.WorkflowReleases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forking, result handling and the provenance record, with a compiled stand-in for the runner (a real JVM process,
 * real files); the real runner on real Spark is forked by {@code WorkflowRunSparkTest} in dataflow-spark-runner.
 */
class WorkflowRunsExecuteTest {

    private static final String MAIN = RunPlannerTest.MAIN;

    @TempDir
    Path temp;

    private RunFixture fixture;
    private LocalObjectStore store;
    private Path runner;
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void deploy() throws Exception {
        fixture = RunFixture.create(temp.resolve("stranger-data")).withSample("sparksql");
        store = new LocalObjectStore(temp.resolve("registry"));
        fixture.commitAndDeploy(store);
        runner = StandInRunner.build(temp.resolve("runner"));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private PreparedRun prepare() {
        return new WorkflowRuns(store, log).prepare(RunRequest.of(MAIN).withRunsDirectory(temp.resolve("runs"))
                .withParams(Map.of("DATE", "2024-01-05")));
    }

    private Path result(PreparedRun run, String wapStatus, String wapError) throws Exception {
        String tasks = String.join(",\n", List.of(
                task("source_ddl", "sql", "SUCCEEDED", null), task("sample_data", "sql", "SUCCEEDED", null),
                task("target_ddl", "sql", "SUCCEEDED", null), task("metadata", "metadata", "SUCCEEDED", null),
                task("wap", "wap", wapStatus, wapError),
                task("hwm", "hwm", wapError == null ? "SUCCEEDED" : "SKIPPED",
                        wapError == null ? null : "skipped because 'wap' failed")));
        Path file = temp.resolve("template-result.json");
        Files.writeString(file, """
                {"formatVersion": 1, "runId": "%s", "workflowId": "%s", "status": "%s", "complete": true,
                 "startedAt": "2026-01-01T06:00:00.120Z", "endedAt": "2026-01-01T06:00:21.480Z", "durationMs": 21360,
                 "sparkVersion": "4.1.3", "somethingNewer": 1, "tasks": [%s]}
                """.formatted(run.runId(), MAIN, wapStatus.equals("FAILED") ? "FAILED" : wapStatus, tasks));
        return file;
    }

    private static String task(String id, String kind, String status, String error) {
        return """
                {"id": "%s", "kind": "%s", "status": "%s", "startedAt": "2026-01-01T06:00:01Z",
                 "endedAt": "2026-01-01T06:00:02Z", "durationMs": 1000, %s "warnings": [], "audits": [],
                 "publishedSnapshots": %s}""".formatted(id, kind, status,
                error == null ? "" : "\"error\": \"" + error + "\",", kind.equals("wap") && error == null ? "{\"dataflow_sample_jdoe.top_titles\": 42}" : "{}");
    }

    @Test
    void aSuccessfulRunIsRecordedWithEverythingThatRan() throws Exception {
        PreparedRun run = prepare();
        Path record = temp.resolve("standin-record.txt");

        RunRecord stored = new WorkflowRuns(store, log).execute(run,
                StandInRunner.launch(runner, record, result(run, "WARNED", null), 0));

        List<String> started = Files.readAllLines(record);
        assertThat(started).contains("args=" + run.planFile() + " " + run.resultFile(),
                "cwd=" + run.directory(), "marker=from-runner-properties", "SPARK_LOCAL_IP=127.0.0.1", "planExists=true");
        assertThat(log.lines()).contains("[dataflow-run] stand-in started with 2 arguments");
        assertThat(log.lines()).noneMatch(line -> line.contains("something Spark would say"));
        assertThat(Files.readString(run.logFile())).contains("something Spark would say");

        byte[] bytes = store.read(RunRecords.key(MAIN, run.runId())).orElseThrow();
        RunRecord record2 = Json.read(bytes, RunRecord.class, "record");
        assertThat(record2).isEqualTo(stored);
        assertThat(stored.schema()).isEqualTo("dataflow.run/1");
        assertThat(stored.workflowId()).isEqualTo(MAIN);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.bundleDigest()).isEqualTo(run.plan().bundleDigest()).startsWith("sha256:");
        assertThat(stored.status()).isEqualTo(TaskStatus.WARNED);
        assertThat(stored.complete()).isTrue();
        assertThat(stored.sparkVersion()).isEqualTo("4.1.3");
        assertThat(stored.durationMs()).isEqualTo(21360);
        assertThat(stored.parameters()).containsEntry("DATE", "2024-01-05").containsEntry("TARGET_DB", "dataflow_sample_jdoe");
        assertThat(stored.tasks()).extracting(TaskResult::id)
                .containsExactly("source_ddl", "sample_data", "target_ddl", "metadata", "wap", "hwm");
        assertThat(stored.task("wap").publishedSnapshots()).containsEntry("dataflow_sample_jdoe.top_titles", 42L);
        Manifest manifest = new WorkflowReleases(store, DataflowLog.SILENT).manifest(MAIN, 1).orElseThrow();
        RunRecord.BundleUse bundle = stored.bundles().get(0);
        assertThat(bundle.workflowId()).isEqualTo(MAIN);
        assertThat(bundle.files()).extracting(RunRecord.FileUse::path, RunRecord.FileUse::sha256).containsExactlyElementsOf(
                manifest.files().stream().map(f -> org.assertj.core.groups.Tuple.tuple(f.path(), f.sha256())).toList());
        assertThat(bundle.files()).hasSize(4);
        assertThat(run.directory().resolve("run.json")).isRegularFile();
    }

    @Test
    void aRunOnARestCatalogPlansTheCatalogWithoutCredentialsAndRecordsIt() throws Exception {
        RunCatalog catalog = new RunCatalog("http://127.0.0.1:8181", "http://127.0.0.1:9000", "eu-west-1");
        PreparedRun run = new WorkflowRuns(store, log).prepare(new RunRequest(MAIN, null, Map.of("DATE", "2024-01-05"),
                null, "s3://lake/warehouse", null, temp.resolve("runs"), null, null, null, catalog));

        String plan = Files.readString(run.planFile());
        assertThat(run.plan().catalogProperties()).containsEntry("type", "rest")
                .containsEntry("uri", "http://127.0.0.1:8181").containsEntry("s3.endpoint", "http://127.0.0.1:9000")
                .containsEntry("client.region", "eu-west-1");
        assertThat(plan).contains("\"catalogProperties\"", "\"s3://lake/warehouse\"").doesNotContain("AWS_");
        RunRecord stored = new WorkflowRuns(store, log).execute(run, StandInRunner.launch(runner,
                temp.resolve("standin-record.txt"), result(run, "SUCCEEDED", null), 0)
                .withEnvironment(catalog.environment(new io.dataflow.core.registry.S3Credentials("AKIA-T", "s3-secret-T"))));

        // The key pair reaches the runner through its environment only.
        assertThat(Files.readAllLines(temp.resolve("standin-record.txt"))).contains("AWS_ACCESS_KEY_ID=AKIA-T");
        assertThat(stored.catalog()).isEqualTo("http://127.0.0.1:8181");
        assertThat(stored.warehouse()).isEqualTo("s3://lake/warehouse");
        assertThat(new String(store.read(RunRecords.key(MAIN, run.runId())).orElseThrow(),
                java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("s3-secret-T");
        assertThat(String.join("\n", log.lines())).doesNotContain("s3-secret-T");
    }

    @Test
    void aFailedTaskFailsTheRunNamingTheTaskAndIsRecordedToo() throws Exception {
        PreparedRun run = prepare();
        String error = "Blocking audit(s) failed, nothing was published: columns_should_not_have_nulls: NULL values";

        assertThatThrownBy(() -> new WorkflowRuns(store, log).execute(run,
                StandInRunner.launch(runner, temp.resolve("r.txt"), result(run, "FAILED", error), 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("version 1 FAILED: task 'wap' failed: " + error)
                .hasMessageContaining("(1 dependent task(s) skipped)")
                .hasMessageContaining(run.directory().toString());

        RunRecord stored = new WorkflowRuns(store, log).runs(MAIN).runs().get(0);
        assertThat(stored.runId()).isEqualTo(run.runId());
        assertThat(stored.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(stored.task("hwm").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(log.lines()).contains("WARN   runner: WARN stand-in: something Spark would say");
    }

    @Test
    void aRunnerThatDiesWithoutResultIsAnEnvironmentFailureAndStillRecorded() throws Exception {
        PreparedRun run = prepare();

        assertThatThrownBy(() -> new WorkflowRuns(store, log).execute(run,
                StandInRunner.launch(runner, temp.resolve("r.txt"), null, 3)))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("the Spark runner ended with exit code 3 without writing");

        RunRecord stored = new WorkflowRuns(store, log).runs(MAIN).runs().get(0);
        assertThat(stored.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(stored.complete()).isFalse();
        assertThat(stored.error()).contains("exit code 3");
    }

    @Test
    void runsAreListedNewestFirstInTextAndJson() throws Exception {
        WorkflowRuns runs = new WorkflowRuns(store, log);
        PreparedRun first = prepare();
        runs.execute(first, StandInRunner.launch(runner, temp.resolve("r.txt"), result(first, "SUCCEEDED", null), 0));
        PreparedRun second = prepare();
        assertThatThrownBy(() -> runs.execute(second,
                StandInRunner.launch(runner, temp.resolve("r.txt"), result(second, "FAILED", "boom"), 1)))
                .isInstanceOf(InvalidInputException.class);

        RunsReport report = runs.runs(MAIN);

        // The stand-in reports the same start time for both; newest first then falls back to the run id.
        assertThat(report.runs()).hasSize(2);
        assertThat(report.toText().get(0)).isEqualTo("Runs of workflow " + MAIN + ":");
        assertThat(report.toText()).anyMatch(line -> line.startsWith("-> " + second.runId()) && line.contains("FAILED"))
                .contains("      task wap FAILED: boom", "Summary: 2 found.");
        assertThat(report.toJson()).contains("\"schema\" : \"dataflow.runs/1\"", "\"runId\" : \"" + first.runId() + "\"");
        // Each run's line shows its start to the second (the record keeps milliseconds), then its parameters.
        List<String> text = report.toText();
        int firstLine = text.indexOf(text.stream().filter(line -> line.startsWith("-> " + first.runId())).findFirst()
                .orElseThrow());
        assertThat(text.get(firstLine)).startsWith("-> " + first.runId() + "  2026-01-01T06:00:00Z  version 1  SUCCEEDED"
                + "  21.4 s  by ");
        assertThat(text.get(firstLine + 1)).startsWith("      parameters ").contains("DATE=2024-01-05");
        assertThat(report.withSecretNames(SecretNames.of("dat*", "test")).toText().get(firstLine + 1))
                .contains("DATE=(hidden)").doesNotContain("2024-01-05");
        assertThat(runs.runs("stranger-data.never-ran").runs()).isEmpty();
    }
}
