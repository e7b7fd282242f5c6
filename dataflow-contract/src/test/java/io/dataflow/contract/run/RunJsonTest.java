package io.dataflow.contract.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one JSON form of plans and results, as the engine writes them and the runner reads them (and back). */
class RunJsonTest {

    @TempDir
    Path dir;

    @Test
    void everyTaskKindReadsBackEqualToWhatWasWritten() {
        RunPlan plan = new RunPlan(1, "r-1", "sales.daily", 3, "sha256:abc", "local[2]", "/tmp/wh", "local",
                Map.of("spark.sql.shuffle.partitions", "4"), List.of("sales"), "bundles", "/usr/bin/python3", List.of(
                        new PlanTask.Sql("ddl", null, "a.sql", Map.of("DB", "sales"), Map.of("spark.x", "1")),
                        new PlanTask.Jar("load", List.of("ddl"), "j.jar", "com.example.Load", List.of("--day", "1"), null),
                        new PlanTask.Python("py", List.of("ddl"), "p.whl", "pkg.main:run", List.of(), null),
                        new PlanTask.Metadata("meta", List.of("load"), List.of("sales.orders"), "c", "team",
                                List.of("pii"), 30, Map.of("id", "pk"), Map.of("id", "the id"), Map.of("k", "v")),
                        new PlanTask.Hwm("hwm", List.of("meta"), "sales.orders", "2024-01-01", "UTC"),
                        new PlanTask.Wap("wap", List.of("hwm"), List.of("sales.orders"),
                                List.of(new PlanTask.Sql("w", null, "w.sql", null, null)),
                                List.of(new PlanTask.Audit("table_should_not_be_empty", false, Map.of("table", "orders")))),
                        new PlanTask.Noop("end", List.of("wap", "py"))));

        RunPlan read = roundTrip(plan);

        assertThat(read).isEqualTo(plan);
        assertThat(read.tasks()).extracting(PlanTask::kind)
                .containsExactly("sql", "jar", "python", "metadata", "hwm", "wap", "noop");
    }

    @Test
    void nullEmptyAndMissingValuesSurviveTheRoundTrip() throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("EMPTY", "");
        params.put("NULL", null);
        params.put("SET", "x");
        Map<String, Object> auditParams = new HashMap<>();
        auditParams.put("where", null);
        auditParams.put("columns", List.of("id"));
        RunPlan plan = new RunPlan(null, "r", null, null, null, null, null, null, null, null, null, null, List.of(
                new PlanTask.Sql("a", null, "a.sql", params, null),
                new PlanTask.Hwm("h", null, "db.t", "2024-01-01", null),
                new PlanTask.Wap("w", null, List.of("db.t"), null,
                        List.of(new PlanTask.Audit("columns_should_be_unique", true, auditParams)))));

        Path file = dir.resolve("plan.json");
        RunJson.writePlan(plan, file);
        RunPlan read = RunJson.readPlan(file);

        assertThat(read).isEqualTo(plan);
        PlanTask.Sql sql = (PlanTask.Sql) read.task("a");
        assertThat(sql.params()).containsExactly(Map.entry("EMPTY", ""), entry("NULL", null), Map.entry("SET", "x"));
        assertThat(sql.conf()).as("missing map").isEmpty();
        assertThat(sql.dependsOn()).as("missing list").isEmpty();
        assertThat(((PlanTask.Hwm) read.task("h")).timezone()).as("null field").isNull();
        assertThat(((PlanTask.Wap) read.task("w")).audits().get(0).params()).containsEntry("where", null);
        String json = Files.readString(file);
        assertThat(json).contains("\"EMPTY\" : \"\"").contains("\"NULL\" : null").doesNotContain("\"timezone\"");
    }

    @Test
    void leftOutFieldsTakeTheirDefaults() throws IOException {
        RunPlan plan = RunJson.readPlan(write("""
                {"runId": "r", "tasks": [
                  {"id": "w", "kind": "wap", "tables": ["db.t"], "writes": [{"id": "x", "kind": "sql", "file": "x.sql"}],
                   "audits": [{"function": "table_should_not_be_empty"},
                              {"function": "table_should_not_be_empty", "blocking": false}]}]}
                """));

        assertThat(plan.formatVersion()).isEqualTo(RunPlan.FORMAT_VERSION);
        assertThat(plan.master()).isEqualTo("local[2]");
        assertThat(plan.catalog()).isEqualTo("local");
        assertThat(plan.warehouse()).isEqualTo(RunPlan.defaultWarehouse().toString());
        assertThat(plan.warehouseUri()).isEqualTo(RunPlan.defaultWarehouse().toUri().toString());
        PlanTask.Wap wap = (PlanTask.Wap) plan.task("w");
        assertThat(wap.audits()).extracting(PlanTask.Audit::blocking).as("blocking unless it says otherwise")
                .containsExactly(true, false);
        assertThat(plan.allTasks()).extracting(PlanTask::id).containsExactly("w", "x");
    }

    @Test
    void aPlainWarehousePathBecomesAFileUriAndUrisStay() {
        assertThat(plan("relative/wh").warehouseUri()).isEqualTo(Path.of("relative/wh").toAbsolutePath().toUri().toString());
        assertThat(plan("s3://bucket/wh").warehouseUri()).isEqualTo("s3://bucket/wh");
        assertThat(plan("file:///data/wh").warehouseUri()).isEqualTo("file:///data/wh");
    }

    @Test
    void aMisspeltPlanFieldIsRejectedWithItsLocation() throws IOException {
        Path plan = write("{\"runId\": \"r\",\n \"taks\": []}");

        assertThatThrownBy(() -> RunJson.readPlan(plan))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining(plan.toString())
                .hasMessageContaining("taks")
                .hasMessageContaining("line 2");
    }

    @Test
    void anUnknownTaskKindIsRejected() throws IOException {
        Path plan = write("{\"runId\": \"r\", \"tasks\": [{\"id\": \"a\", \"kind\": \"shell\"}]}");

        assertThatThrownBy(() -> RunJson.readPlan(plan)).isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("shell");
    }

    @Test
    void resultsReadBackEqualAndFieldsOfNewerRunnersAreIgnored() throws IOException {
        RunResult result = new RunResult(1, "r", "wf", "sha256:1", TaskStatus.WARNED, true, "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:01Z", 1000, "4.1.3", null, List.of(
                        new TaskResult("w", "wap", TaskStatus.WARNED, "a", "b", 5, null, List.of("row count"),
                                List.of(new AuditOutcome("row_count_should_be_between", "t", "local.db.t", false, false, "3 rows")),
                                Map.of("local.db.t", 42L)),
                        TaskResult.skipped(new PlanTask.Noop("n", List.of("w")), "because")));
        Path file = dir.resolve("result.json");
        RunJson.writeResult(result, file);

        assertThat(RunJson.readResult(file)).isEqualTo(result);
        Files.writeString(file, Files.readString(file).replaceFirst("\\{", "{\"addedLater\": {\"x\": 1},"));
        assertThat(RunJson.readResult(file)).isEqualTo(result);
    }

    @Test
    void theRunStatusFollowsFromTheTasks() {
        TaskResult ok = task(TaskStatus.SUCCEEDED);
        assertThat(TaskStatus.ofRun(List.of(ok, ok))).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(TaskStatus.ofRun(List.of(ok, task(TaskStatus.WARNED)))).isEqualTo(TaskStatus.WARNED);
        assertThat(TaskStatus.ofRun(List.of(task(TaskStatus.WARNED), task(TaskStatus.SKIPPED)))).isEqualTo(TaskStatus.FAILED);
        assertThat(TaskStatus.ofRun(List.of(task(TaskStatus.FAILED), ok))).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void thePlanExampleOfTheDocsIsAPlan() throws IOException {
        RunPlan plan = RunJson.readPlan(write(docsExample("## The plan")));

        assertThat(plan.tasks()).extracting(PlanTask::kind).containsExactly("sql", "wap", "metadata", "hwm", "noop");
        assertThat(((PlanTask.Wap) plan.task("wap")).writes()).singleElement().isInstanceOf(PlanTask.Jar.class);
    }

    @Test
    void theResultExampleOfTheDocsIsAResult() throws IOException {
        RunResult result = RunJson.readResult(write(docsExample("## The result")));

        assertThat(result.task("wap").audits()).singleElement().extracting(AuditOutcome::passed).isEqualTo(false);
        assertThat(result.task("describe").status()).isEqualTo(TaskStatus.SKIPPED);
    }

    /** The first JSON block of a section of docs/running.md. */
    private static String docsExample(String section) throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "running.md"));
        int start = docs.indexOf("```json", docs.indexOf(section)) + "```json".length();
        return docs.substring(start, docs.indexOf("```", start));
    }

    private RunPlan roundTrip(RunPlan plan) {
        Path file = dir.resolve("plan-" + System.nanoTime() + ".json");
        RunJson.writePlan(plan, file);
        return RunJson.readPlan(file);
    }

    private static RunPlan plan(String warehouse) {
        return new RunPlan(null, "r", null, null, null, null, warehouse, null, null, null, null, null, null);
    }

    private static TaskResult task(TaskStatus status) {
        return new TaskResult("t", "noop", status, null, null, 0, null, null, null, null);
    }

    private static Map.Entry<String, String> entry(String key, String value) {
        return new java.util.AbstractMap.SimpleEntry<>(key, value);
    }

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("plan.json"), json);
    }
}
