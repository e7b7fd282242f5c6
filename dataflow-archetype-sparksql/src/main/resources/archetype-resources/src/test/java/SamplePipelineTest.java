package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.contract.run.AuditOutcome;
import io.dataflow.contract.run.TaskStatus;
import io.dataflow.testing.DataFrameAssertions;
import io.dataflow.testing.MockTable;
import io.dataflow.testing.SqlScript;
import io.dataflow.testing.WorkflowHarness;
import io.dataflow.testing.WorkflowRun;

import java.nio.file.Path;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * main.sch.yaml itself, run in this JVM through the planner and runner of dataflow:run: its jobs in its DAG order,
 * the write inside its Write-Audit-Publish with its own audits, its metadata and high-water mark. When the workflow
 * and the SQL files disagree, these tests fail here rather than on the scheduler.
 */
class SamplePipelineTest {

    private static final String TARGET = "${TARGET_DB}.${TARGET_TABLE}";

    private static WorkflowHarness harness;
    private static WorkflowRun sampleDay;

    @BeforeAll
    static void runMainOnTheSampleData() {
        harness = WorkflowHarness.of(Path.of(""));
        sampleDay = harness.workflow("main.sch.yaml").param("DATE", "2024-01-01").run();
    }

    @AfterAll
    static void stopSpark() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void everyJobSucceedsAndEveryAuditOfTheWorkflowPasses() {
        assertThat(sampleDay.requireNoFailedTask().status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(sampleDay.audits()).isNotEmpty()
                .allSatisfy(audit -> assertThat(audit.passed()).as(audit.function() + ": " + audit.message()).isTrue());
    }

    @Test
    void writesTheTop100TitlesOfEvery190Countries() {
        sampleDay.table(TARGET).createOrReplaceTempView("top_titles");
        Row summary = sampleDay.spark().sql("SELECT COUNT(*), COUNT(DISTINCT country_code), MAX(title_rank),"
                + " MIN(count_per_country), MIN(date), MAX(date) FROM top_titles"
                + " JOIN (SELECT country_code, COUNT(*) AS count_per_country FROM top_titles"
                + " GROUP BY country_code) USING (country_code)").first();

        assertThat(summary.getLong(0)).as("rows").isBetween(19_000L, 19_100L);
        assertThat(summary.getLong(1)).as("countries").isEqualTo(190);
        assertThat(summary.getInt(2)).as("lowest rank kept").isEqualTo(100);
        assertThat(summary.getLong(3)).as("fewest titles in a country").isGreaterThanOrEqualTo(100);
        assertThat(summary.getDate(4)).as("only the processed day").hasToString("2024-01-01");
        assertThat(summary.getDate(5)).as("only the processed day").hasToString("2024-01-01");
    }

    @Test
    void recordsTheTableMetadataAndTheHighWaterMark() {
        String target = sampleDay.parameters().get("TARGET_DB") + "." + sampleDay.parameters().get("TARGET_TABLE");

        assertThat(property(target, "dataflow.hwm.datetime")).isEqualTo("2024-01-01T00:00:00");
        assertThat(property(target, "dataflow.lifetime-days")).isEqualTo("365");
        assertThat(property(target, "dataflow.column.title_rank.type")).isEqualTo("pk");
    }

    @Test
    void sampleDataIsDeterministic() {
        String source = "${SOURCE_DB}.${SOURCE_TABLE}";
        long checksum = sampleDay.table(source).selectExpr("SUM(pmod(xxhash64(title_id, country_code, view_hours), 1000003))")
                .first().getLong(0);

        SqlScript.load(Path.of("ddl/sample_source_data.sql")).run(sampleDay.spark(), sampleDay.parameters());

        assertThat(sampleDay.table(source).count()).isEqualTo(190L * 150 * 3);
        assertThat(sampleDay.table(source).selectExpr("SUM(pmod(xxhash64(title_id, country_code, view_hours), 1000003))")
                .first().getLong(0)).isEqualTo(checksum);
    }

    @Test
    void writesTheExpectedTopTitlesForTheMockedSessions() {
        WorkflowRun mocked = harness.workflow("main.sch.yaml").param("DATE", "2024-01-02")
                .param("SOURCE_DB", "mock_source").param("TARGET_DB", "mock_target")
                .mock("mocks/playback_sessions.yaml").without("sample_data").run();

        DataFrameAssertions.assertMatches(mocked.table(TARGET), MockTable.fromResource("mocks/top_titles.yaml"));
        assertThat(mocked.audits()).filteredOn(AuditOutcome::blocking).isNotEmpty().allMatch(AuditOutcome::passed);
        assertThat(mocked.status()).as("a few rows only: the non-blocking row count audit warns")
                .isEqualTo(TaskStatus.WARNED);
    }

    private static String property(String table, String key) {
        return sampleDay.spark().sql("SHOW TBLPROPERTIES " + table + " ('" + key + "')").first().getString(1);
    }
}
