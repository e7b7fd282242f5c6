package io.dataflow.runner;

import static io.dataflow.runner.TestPlans.audit;
import static io.dataflow.runner.TestPlans.noop;
import static io.dataflow.runner.TestPlans.plan;
import static io.dataflow.runner.TestPlans.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.contract.run.AuditFunction;
import io.dataflow.contract.run.AuditOutcome;
import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.run.RunResult;
import io.dataflow.contract.run.TaskResult;
import io.dataflow.contract.run.TaskStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class WapSparkTest extends SparkSessionTest {

    @Test
    void passingAuditsPublishTheAuditedSnapshotWithProvenance() throws IOException {
        // A freshly created table has no main branch yet: the first publish must create it.
        Path ddl = sqlFile("orders-ddl.sql", "CREATE TABLE ${DB}.orders (id BIGINT, day DATE) USING iceberg PARTITIONED BY (day);");
        Path load = sqlFile("orders-load.sql", """
                INSERT INTO ${DB}.orders VALUES (1, DATE '${DAY}'), (2, DATE '${DAY}'), (3, DATE '${DAY}');
                """);
        String where = "day = DATE '2022-01-01'";
        // Tables named as in the workflow DSL (catalog/db/table), audits naming the logical table.
        PlanTask.Wap wap = new PlanTask.Wap("wap", List.of("ddl"), List.of("prodhive/wap1/orders"),
                List.of(sql("load", load, Map.of("DB", "wap1", "DAY", "2022-01-01"))),
                List.of(audit(AuditFunction.COLUMNS_SHOULD_NOT_HAVE_NULLS, true, Map.of("table", "orders", "columns", List.of("id", "day"), "where", where)),
                        audit(AuditFunction.COLUMNS_SHOULD_BE_UNIQUE, true, Map.of("columns", "id")),
                        audit(AuditFunction.ROW_COUNT_SHOULD_BE_BETWEEN, true, Map.of("min", 1, "max", 3, "where", where)),
                        audit(AuditFunction.TABLE_SHOULD_NOT_BE_EMPTY, true, Map.of("table", "local.wap1.orders"))));

        RunResult result = run(plan("wap-ok", warehouse, List.of("wap1"), sql("ddl", ddl, Map.of("DB", "wap1")), wap));

        TaskResult task = result.task("wap");
        assertThat(task.status()).as(task.error()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(task.audits()).hasSize(4).allMatch(AuditOutcome::passed);
        assertThat(task.audits().get(0).relation()).isEqualTo("local.wap1.orders.`branch_audit_wap_ok`");
        assertThat(count("local.wap1.orders")).isEqualTo(3);
        Row main = rows("SELECT s.snapshot_id, s.summary FROM local.wap1.orders.snapshots s"
                + " JOIN local.wap1.orders.refs r ON r.snapshot_id = s.snapshot_id WHERE r.name = 'main'").get(0);
        assertThat(task.publishedSnapshots()).containsEntry("local.wap1.orders", main.getLong(0));
        Map<String, String> summary = main.getJavaMap(1);
        assertThat(summary)
                .containsEntry("dataflow.run-id", "wap-ok")
                .containsEntry("dataflow.bundle-digest", TestPlans.DIGEST)
                .containsEntry("dataflow.workflow-id", "sales-daily")
                .containsEntry("dataflow.workflow-version", "3")
                .containsEntry("dataflow.task-id", "wap");
        assertThat(rows("SELECT name FROM local.wap1.orders.refs")).map(Row::toString).containsExactly("[main]");
    }

    @Test
    void blockingAuditFailureLeavesMainUnchangedAndFailsTheRun() throws IOException {
        long before = prepareTableWithOneRow("wap2");
        Path load = sqlFile("bad-load.sql", "INSERT INTO wap2.orders VALUES (1), (NULL), (NULL);");
        PlanTask.Wap wap = new PlanTask.Wap("wap", List.of(), List.of("wap2.orders"),
                List.of(sql("load", load, Map.of())),
                List.of(audit(AuditFunction.COLUMNS_SHOULD_NOT_HAVE_NULLS, true, Map.of("columns", List.of("id"))),
                        audit(AuditFunction.COLUMNS_SHOULD_BE_UNIQUE, true, Map.of("columns", List.of("id"))),
                        audit(AuditFunction.ROW_COUNT_SHOULD_BE_BETWEEN, false, Map.of("max", 2))));

        RunResult result = run(plan("wap-blocked", warehouse, List.of(), wap, noop("publish-report", "wap")));

        TaskResult task = result.task("wap");
        assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.error()).contains("nothing was published", "columns_should_not_have_nulls",
                "NULL values: id in 2 row(s)", "columns_should_be_unique", "occur more than once");
        assertThat(task.audits()).extracting(AuditOutcome::passed).containsExactly(false, false, false);
        assertThat(task.audits().get(2).message()).isEqualTo("4 rows, expected at most 2");
        assertThat(task.publishedSnapshots()).isEmpty();
        assertThat(result.task("publish-report").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(mainSnapshot("local.wap2.orders")).isEqualTo(before);
        assertThat(count("local.wap2.orders")).isEqualTo(1);
        assertThat(rows("SELECT name FROM local.wap2.orders.refs")).map(Row::toString).containsExactly("[main]");
    }

    @Test
    void nonBlockingAuditFailureWarnsAndPublishes() throws IOException {
        long before = prepareTableWithOneRow("wap3");
        Path load = sqlFile("dup-load.sql", "INSERT INTO wap3.orders VALUES (1);");
        PlanTask.Wap wap = new PlanTask.Wap("wap", List.of(), List.of("wap3.orders"),
                List.of(sql("load", load, Map.of())),
                List.of(audit(AuditFunction.COLUMNS_SHOULD_BE_UNIQUE, false, Map.of("columns", List.of("id"))),
                        audit(AuditFunction.TABLE_SHOULD_NOT_BE_EMPTY, true, Map.of())));

        RunResult result = run(plan("wap-warned", warehouse, List.of(), wap, noop("after", "wap")));

        TaskResult task = result.task("wap");
        assertThat(result.status()).isEqualTo(TaskStatus.WARNED);
        assertThat(task.status()).isEqualTo(TaskStatus.WARNED);
        assertThat(task.warnings()).singleElement().asString()
                .contains("non-blocking audit columns_should_be_unique", "1 value(s) of [id] occur more than once", "[1,2]");
        assertThat(result.task("after").status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(mainSnapshot("local.wap3.orders")).isNotEqualTo(before).isEqualTo(task.publishedSnapshots().get("local.wap3.orders"));
        assertThat(count("local.wap3.orders")).isEqualTo(2);
    }

    @Test
    void failedWriteDiscardsEarlierWritesOfTheSameTask() throws IOException {
        long before = prepareTableWithOneRow("wap4");
        Path good = sqlFile("good-load.sql", "INSERT INTO wap4.orders VALUES (10), (11);");
        Path bad = sqlFile("bad-write.sql", "INSERT INTO wap4.orders VALUES ('not a number', 1);");
        PlanTask.Wap wap = new PlanTask.Wap("wap", List.of(), List.of("wap4.orders"),
                List.of(sql("first", good, Map.of()), sql("second", bad, Map.of())),
                List.of(audit(AuditFunction.TABLE_SHOULD_NOT_BE_EMPTY, true, Map.of())));

        RunResult result = run(plan("wap-write-failed", warehouse, List.of(), wap));

        TaskResult task = result.task("wap");
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.error()).contains("Write 'second' failed", "nothing was published", "bad-write.sql");
        assertThat(task.audits()).isEmpty();
        assertThat(mainSnapshot("local.wap4.orders")).isEqualTo(before);
        assertThat(count("local.wap4.orders")).isEqualTo(1);
        assertThat(rows("SELECT name FROM local.wap4.orders.refs")).map(Row::toString).containsExactly("[main]");
    }

    @Test
    void publishedSnapshotsSummariseTheWholeTableWhenADateIsRerun() throws IOException {
        spark.sql("CREATE NAMESPACE IF NOT EXISTS local.wap5");
        spark.sql("CREATE TABLE local.wap5.views (id BIGINT, day DATE) USING iceberg PARTITIONED BY (day)");
        // Like the samples: each run replaces its day's partition, so rerunning a day deletes what it adds.
        Path load = sqlFile("day-load.sql", "INSERT OVERWRITE wap5.views PARTITION (day = DATE '${DAY}')"
                + " SELECT id FROM range(${ROWS});");
        List<String> published = new java.util.ArrayList<>();
        for (String[] day : new String[][] {{"2022-01-01", "300"}, {"2022-01-01", "300"}, {"2022-01-02", "200"}}) {
            String runId = "wap-totals-" + published.size();
            RunResult result = run(plan(runId, warehouse, List.of(), new PlanTask.Wap("wap", List.of(),
                    List.of("wap5.views"), List.of(sql("write", load, Map.of("DAY", day[0], "ROWS", day[1]))),
                    List.of(audit(AuditFunction.TABLE_SHOULD_NOT_BE_EMPTY, true, Map.of())))));

            TaskResult task = result.task("wap");
            assertThat(task.status()).as(task.error()).isEqualTo(TaskStatus.SUCCEEDED);
            long snapshot = task.publishedSnapshots().get("local.wap5.views");
            assertThat(snapshot).isEqualTo(mainSnapshot("local.wap5.views"));
            Map<String, String> summary = summaryOf("local.wap5.views", snapshot);
            assertThat(summary).as(runId + " " + summary)
                    .containsEntry("total-records", String.valueOf(count("local.wap5.views")))
                    .containsEntry("total-data-files", String.valueOf(rows("SELECT * FROM local.wap5.views.files").size()));
            published.add(runId + ": " + summary.get("total-records"));
        }
        // The rerun replaced the day (300 rows, not 600); the new day added to it.
        assertThat(published).containsExactly("wap-totals-0: 300", "wap-totals-1: 300", "wap-totals-2: 500");
        assertThat(rows("SELECT name FROM local.wap5.views.refs")).map(Row::toString).containsExactly("[main]");

        // A blocked run leaves main, its summary included, as the last good run published it.
        long before = mainSnapshot("local.wap5.views");
        RunResult blocked = run(plan("wap-totals-blocked", warehouse, List.of(), new PlanTask.Wap("wap", List.of(),
                List.of("wap5.views"), List.of(sql("write", load, Map.of("DAY", "2022-01-03", "ROWS", "50"))),
                List.of(audit(AuditFunction.ROW_COUNT_SHOULD_BE_BETWEEN, true, Map.of("max", 500))))));

        assertThat(blocked.task("wap").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(blocked.task("wap").audits().get(0).message()).isEqualTo("550 rows, expected at most 500");
        assertThat(mainSnapshot("local.wap5.views")).isEqualTo(before);
        assertThat(count("local.wap5.views")).isEqualTo(500);
        assertThat(summaryOf("local.wap5.views", before)).containsEntry("total-records", "500");
        assertThat(rows("SELECT name FROM local.wap5.views.refs")).map(Row::toString).containsExactly("[main]");
    }

    @Test
    void aTableNoWriteReachedKeepsItsMainSnapshot() throws IOException {
        long untouched = prepareTableWithOneRow("wap6");
        spark.sql("CREATE TABLE local.wap6.written (id BIGINT) USING iceberg");
        spark.sql("INSERT INTO local.wap6.written VALUES (1)");
        Path load = sqlFile("one-of-two.sql", "INSERT INTO wap6.written VALUES (2);");

        RunResult result = run(plan("wap-one-of-two", warehouse, List.of(), new PlanTask.Wap("wap", List.of(),
                List.of("wap6.orders", "wap6.written"), List.of(sql("write", load, Map.of())),
                List.of(audit(AuditFunction.TABLE_SHOULD_NOT_BE_EMPTY, true, Map.of("table", "wap6.orders"))))));

        TaskResult task = result.task("wap");
        assertThat(task.status()).as(task.error()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(task.publishedSnapshots()).containsOnlyKeys("local.wap6.written");
        assertThat(mainSnapshot("local.wap6.orders")).isEqualTo(untouched);
        assertThat(rows("SELECT name FROM local.wap6.orders.refs")).map(Row::toString).containsExactly("[main]");
        assertThat(count("local.wap6.written")).isEqualTo(2);
    }

    @Test
    void aPythonWriteCommitsToTheAuditBranchFromItsOwnDriver() throws IOException {
        long before = prepareTableWithOneRow("wap7");
        // PySpark is not installable here: a stand-in starts a second Spark driver JVM the way PySpark would.
        Path python = StandInPython.runningSql(workDir, spark.version());
        Path job = sqlFile("write_day.py", "# run by the stand-in interpreter, which executes the first argument as SQL\n");
        PlanTask.Python write = new PlanTask.Python("write", List.of(), job.toString(), null,
                List.of("INSERT INTO wap7.orders VALUES (2), (3)"), Map.of("spark.wap.branch", "audit_wap_python"));
        PlanTask.Wap wap = new PlanTask.Wap("wap", List.of(), List.of("wap7.orders"), List.of(write),
                // Passes only on the branch: main still has 1 row while the audit runs.
                List.of(audit(AuditFunction.ROW_COUNT_SHOULD_BE_BETWEEN, true, Map.of("min", 3, "max", 3))));

        RunResult result = run(TestPlans.withPython(plan("wap-python", warehouse, List.of(), wap), python.toString()));

        TaskResult task = result.task("wap");
        assertThat(task.status()).as(task.error()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(task.audits()).singleElement().satisfies(audit -> {
            assertThat(audit.relation()).isEqualTo("local.wap7.orders.`branch_audit_wap_python`");
            assertThat(audit.message()).startsWith("3 rows");
        });
        long published = task.publishedSnapshots().get("local.wap7.orders");
        assertThat(mainSnapshot("local.wap7.orders")).isNotEqualTo(before).isEqualTo(published);
        assertThat(count("local.wap7.orders")).isEqualTo(3);
        assertThat(summaryOf("local.wap7.orders", published))
                .containsEntry("total-records", "3")
                .containsEntry("dataflow.run-id", "wap-python");
        assertThat(rows("SELECT name FROM local.wap7.orders.refs")).map(Row::toString).containsExactly("[main]");
    }

    private static Map<String, String> summaryOf(String table, long snapshot) {
        return rows("SELECT summary FROM " + table + ".snapshots WHERE snapshot_id = " + snapshot).get(0).getJavaMap(0);
    }

    private static long prepareTableWithOneRow(String namespace) {
        spark.sql("CREATE NAMESPACE IF NOT EXISTS local." + namespace);
        spark.sql("CREATE TABLE local." + namespace + ".orders (id BIGINT) USING iceberg");
        spark.sql("INSERT INTO local." + namespace + ".orders VALUES (1)");
        return mainSnapshot("local." + namespace + ".orders");
    }

    private static long mainSnapshot(String table) {
        return rows("SELECT snapshot_id FROM " + table + ".refs WHERE name = 'main'").get(0).getLong(0);
    }
}
