package io.dataflow.runner;

import static io.dataflow.runner.TestPlans.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.contract.run.PlanTask;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * WAP publish when another writer moves main between the audit branch and the publish, as two runs of different
 * dates at once do. The other writer commits from a session of its own (no WAP branch set) while the run's write
 * job is staging, so the interleaving is exactly the one of concurrent runs, every time.
 */
class WapConcurrentWriterSparkTest extends SparkSessionTest {

    @Test
    void aReplacedDayIsPublishedOntoAMainThatGotAnotherDayMeanwhile() {
        String table = daysTable("concurrent1", "2024-03-01", "2024-03-02");

        RunOutput run = runWap("run-day2", table, "INSERT OVERWRITE " + table + " PARTITION (day = DATE '2024-03-02')"
                + " SELECT id * 10 FROM " + table + " WHERE day = DATE '2024-03-02'",
                other -> other.sql("INSERT INTO " + table + " VALUES (7, DATE '2024-03-03'), (8, DATE '2024-03-03')"));

        assertThat(run.outcome.publishedSnapshots).containsKey(table);
        assertThat(run.log).contains("main moved since the audit branch was made");
        // Day 1 untouched, day 2 replaced by this run, day 3 from the other writer: both commits are on main.
        assertThat(ids(table, "2024-03-01")).containsExactly(1L, 2L);
        assertThat(ids(table, "2024-03-02")).containsExactly(30L, 40L);
        assertThat(ids(table, "2024-03-03")).containsExactly(7L, 8L);
        // The published snapshot says what the table holds, and which run made it.
        Map<String, String> summary = mainSummary(table);
        assertThat(summary.get("total-records")).isEqualTo(String.valueOf(count(table)));
        assertThat(summary).containsEntry("dataflow.run-id", "run-day2").containsEntry("dataflow.task-id", "wap");
        assertThat(refs(table)).containsExactly("main");
    }

    @Test
    void appendsArePublishedOntoAMovedMain() {
        String table = daysTable("concurrent2", "2024-03-01");

        RunOutput run = runWap("run-append", table, "INSERT INTO " + table + " VALUES (5, DATE '2024-03-05')",
                other -> other.sql("INSERT INTO " + table + " VALUES (6, DATE '2024-03-06')"));

        assertThat(run.outcome.publishedSnapshots).containsKey(table);
        assertThat(ids(table, "2024-03-05")).containsExactly(5L);
        assertThat(ids(table, "2024-03-06")).containsExactly(6L);
        assertThat(mainSummary(table).get("total-records")).isEqualTo("4");
    }

    @Test
    void anotherWriterInTheSameDayMakesThePublishFailWithMainLeftAsTheOtherWriterLeftIt() {
        String table = daysTable("concurrent3", "2024-03-01", "2024-03-02");

        assertThatThrownBy(() -> runWap("run-clash", table, "INSERT OVERWRITE " + table
                + " PARTITION (day = DATE '2024-03-02') SELECT 99",
                other -> other.sql("INSERT INTO " + table + " VALUES (77, DATE '2024-03-02')")))
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("another writer changed the same data since the audit branch was made, main"
                        + " unchanged; run again");

        // The other writer's row is there and this run's is not; no audit branch is left behind.
        assertThat(ids(table, "2024-03-02")).containsExactly(3L, 4L, 77L);
        assertThat(refs(table)).containsExactly("main");
    }

    /** A table partitioned by day, with ids 1, 2 on the first day, 3, 4 on the second, …; returns its name. */
    private static String daysTable(String namespace, String... days) {
        String table = "local." + namespace + ".events";
        spark.sql("CREATE NAMESPACE IF NOT EXISTS local." + namespace);
        spark.sql("CREATE TABLE " + table + " (id BIGINT, day DATE) USING iceberg PARTITIONED BY (day)");
        for (int i = 0; i < days.length; i++) {
            spark.sql("INSERT INTO " + table + " VALUES (" + (2 * i + 1) + ", DATE '" + days[i] + "'), ("
                    + (2 * i + 2) + ", DATE '" + days[i] + "')");
        }
        return table;
    }

    private record RunOutput(TaskOutcome outcome, String log) {}

    /** Runs a WAP task whose one write is {@code statement}; {@code otherWriter} commits to main in between. */
    private static RunOutput runWap(String runId, String table, String statement,
            java.util.function.Consumer<SparkSession> otherWriter) {
        PlanTask.Sql write = TestPlans.sql("write", sqlFile(runId + ".sql", statement + ";"), Map.of());
        PlanTask.Wap wap = new PlanTask.Wap("wap", List.of(), List.of(table.substring("local.".length())),
                List.of(write), List.of());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RunContext context = new RunContext(plan(runId, warehouse, List.of(), wap), workDir,
                new RunLog(new PrintStream(log, true, StandardCharsets.UTF_8)), () -> spark);
        context.startTask("wap");
        TaskOutcome outcome = new TaskOutcome();
        try {
            new WapTaskRunner().run(wap, context, outcome, (task, taskOutcome) -> {
                spark.sql(statement);
                otherWriter.accept(spark.newSession());
            });
        } finally {
            context.startTask(null);
        }
        return new RunOutput(outcome, log.toString(StandardCharsets.UTF_8));
    }

    private static List<Long> ids(String table, String day) {
        return rows("SELECT id FROM " + table + " WHERE day = DATE '" + day + "' ORDER BY id").stream()
                .map(row -> row.getLong(0)).toList();
    }

    private static Map<String, String> mainSummary(String table) {
        Row main = rows("SELECT s.summary FROM " + table + ".snapshots s JOIN " + table
                + ".refs r ON r.snapshot_id = s.snapshot_id WHERE r.name = 'main'").get(0);
        return main.getJavaMap(0);
    }

    private static List<String> refs(String table) {
        return rows("SELECT name FROM " + table + ".refs ORDER BY name").stream().map(row -> row.getString(0)).toList();
    }
}
