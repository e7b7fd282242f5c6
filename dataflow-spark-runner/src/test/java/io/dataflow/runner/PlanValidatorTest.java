package io.dataflow.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.contract.run.InvalidPlanException;
import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.run.RunJson;
import io.dataflow.contract.run.RunPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks that run before Spark starts (the plan's JSON itself is tested in dataflow-contract). */
class PlanValidatorTest {

    @TempDir
    Path dir;

    @Test
    void everyTaskKindWithItsDefaultsPasses() throws IOException {
        Files.writeString(dir.resolve("load.sql"), "SELECT 1");
        Path plan = write("""
                {
                  "runId": "r-1",
                  "bundleDigest": "sha256:abc",
                  "warehouse": "wh",
                  "namespaces": ["db"],
                  "tasks": [
                    {"id": "ddl", "kind": "sql", "file": "load.sql", "params": {"TARGET_DB": "db"}},
                    {"id": "job", "kind": "jar", "jar": "load.sql", "mainClass": "a.Main", "dependsOn": ["ddl"]},
                    {"id": "py", "kind": "python", "file": "load.sql"},
                    {"id": "meta", "kind": "metadata", "tables": ["prodhive/db/t"], "owner": "team", "tags": ["pii"],
                     "lifetime": 30, "columnTypes": {"id": "pk"}, "columnComments": {"id": "the id"}},
                    {"id": "hwm", "kind": "hwm", "table": "db.t", "datetime": "2022-01-01"},
                    {"id": "wap", "kind": "wap", "tables": ["db.t"],
                     "writes": [{"id": "w", "kind": "sql", "file": "load.sql"},
                                {"id": "pw", "kind": "python", "file": "load.sql", "conf": {"spark.wap.branch": "audit_r_1"}}],
                     "audits": [{"function": "table_should_not_be_empty"},
                                {"function": "row_count_should_be_between", "blocking": false,
                                 "params": {"min": 1, "max": "10", "where": "day = DATE '2022-01-01'"}}]},
                    {"id": "end", "kind": "noop", "dependsOn": ["wap", "hwm"]}
                  ]
                }
                """);

        RunPlan read = RunJson.readPlan(plan);
        PlanValidator.validate(read, dir);

        assertThat(read.master()).isEqualTo("local[2]");
        assertThat(read.catalog()).isEqualTo("local");
        assertThat(read.warehouseUri()).isEqualTo(Path.of("wh").toAbsolutePath().toUri().toString());
        assertThat(read.tasks()).extracting(PlanTask::kind)
                .containsExactly("sql", "jar", "python", "metadata", "hwm", "wap", "noop");
        PlanTask.Wap wap = (PlanTask.Wap) read.tasks().get(5);
        assertThat(wap.audits().get(0).blocking()).isTrue();
        assertThat(wap.audits().get(1).blocking()).isFalse();
        assertThat(((PlanTask.Metadata) read.tasks().get(3)).columnTypes()).containsEntry("id", "pk");
    }

    @Test
    void validationReportsEveryProblemAtOnce() throws IOException {
        Path plan = write("""
                {"runId": "bad id", "tasks": [
                  {"id": "a", "kind": "sql", "file": "missing.sql", "dependsOn": ["b"]},
                  {"id": "b", "kind": "noop"},
                  {"id": "b", "kind": "noop"},
                  {"id": "j", "kind": "jar"},
                  {"id": "h", "kind": "hwm", "table": "db.t", "datetime": "yesterday", "timezone": "Mars/Base"},
                  {"id": "w", "kind": "wap", "tables": ["db.t", "db.u"],
                   "writes": [{"id": "m", "kind": "metadata", "tables": ["db.t"]},
                              {"id": "elsewhere", "kind": "python", "file": "x.py", "conf": {"spark.wap.branch": "main"}}],
                   "audits": [{"function": "columns_should_be_unique"},
                              {"function": "no_such_audit"},
                              {"function": "table_should_not_be_empty", "params": {"table": "elsewhere"}},
                              {"function": "row_count_should_be_between", "params": {"table": "db.t", "min": 5, "max": 1, "colums": "x"}}]}
                ]}
                """);

        assertThatThrownBy(() -> PlanValidator.validate(RunJson.readPlan(plan), dir))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("runId 'bad id'")
                .hasMessageContaining("task 'a' depends on 'b', which is not a task listed before it")
                .hasMessageContaining("missing.sql, which is not a file")
                .hasMessageContaining("task 'b' is defined twice")
                .hasMessageContaining("task 'j' field 'jar' is missing")
                .hasMessageContaining("task 'j' field 'mainClass' is missing")
                .hasMessageContaining("timezone 'Mars/Base'")
                .hasMessageContaining("write 'm' is a metadata task; WAP writes must be sql, jar or python tasks")
                .hasMessageContaining("write 'elsewhere' conf sets spark.wap.branch=main, but the run's audit branch is"
                        + " audit_bad_id; the write would escape the audit")
                .hasMessageContaining("audit 'columns_should_be_unique': parameter 'table' is missing")
                .hasMessageContaining("audit 'columns_should_be_unique': parameter 'columns' is missing")
                .hasMessageContaining("audit 'no_such_audit': unknown audit function")
                .hasMessageContaining("Audit table 'elsewhere' must be one of the WAP task's tables [db.t, db.u]")
                .hasMessageContaining("unknown parameter 'colums'")
                .hasMessageContaining("'min' 5 is greater than 'max' 1");
    }

    @Test
    void highWaterMarkAcceptsDatesLocalTimesAndOffsets() {
        assertThat(HwmTaskRunner.parse("2022-01-01", "Europe/Berlin").toInstant()).hasToString("2021-12-31T23:00:00Z");
        assertThat(HwmTaskRunner.parse("20220101", "").toInstant()).hasToString("2022-01-01T00:00:00Z");
        assertThat(HwmTaskRunner.parse("2022-01-01 06:30", null).toInstant()).hasToString("2022-01-01T06:30:00Z");
        assertThat(HwmTaskRunner.parse("2022-01-01T06:30:00+02:00", "UTC").toInstant()).hasToString("2022-01-01T04:30:00Z");
        assertThatThrownBy(() -> HwmTaskRunner.parse("yesterday", "UTC"))
                .hasMessageContaining("datetime 'yesterday' is not a date or date-time");
    }

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("plan.json"), json);
    }
}
