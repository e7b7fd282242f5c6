package io.dataflow.runner;

import static io.dataflow.runner.TestPlans.jar;
import static io.dataflow.runner.TestPlans.noop;
import static io.dataflow.runner.TestPlans.plan;
import static io.dataflow.runner.TestPlans.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.run.RunResult;
import io.dataflow.contract.run.TaskResult;
import io.dataflow.contract.run.TaskStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class PlanExecutorSparkTest extends SparkSessionTest {

    @Test
    void sqlTaskWithParametersCreatesAndFillsTable() throws IOException {
        Path file = sqlFile("events.sql", """
                -- DDL and load in one file, as the archetypes ship them
                CREATE TABLE IF NOT EXISTS ${TARGET_DB}.events (id BIGINT, note STRING, day DATE) USING iceberg;
                /* both values hold characters that must not split or comment out anything */
                INSERT INTO ${TARGET_DB}.events VALUES (1, 'a;b', DATE '${DAY}'), (2, '-- kept', DATE '${DAY}');
                SELECT count(*) FROM ${TARGET_DB}.events;
                """);

        RunResult result = run(plan("sql-1", warehouse, List.of("sqltest"),
                sql("load", file, Map.of("TARGET_DB", "sqltest", "DAY", "2022-01-01"))));

        assertThat(result.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(result.task("load").durationMs()).isPositive();
        assertThat(rows("SELECT id, note, CAST(day AS STRING) FROM local.sqltest.events ORDER BY id"))
                .map(Row::toString).containsExactly("[1,a;b,2022-01-01]", "[2,-- kept,2022-01-01]");
        assertThat(rows("SELECT summary['dataflow.run-id'], summary['dataflow.task-id'] FROM local.sqltest.events.snapshots"))
                .map(Row::toString).containsExactly("[sql-1,load]");
    }

    @Test
    void sqlTaskShowsQueryRowsAndNothingForStatementsWithoutRows() throws IOException {
        Path file = sqlFile("quiet.sql", """
                CREATE TABLE quiet.titles (id BIGINT, name STRING) USING iceberg;
                WITH named AS (SELECT 1 AS id, 'one' AS name UNION ALL SELECT 2, 'two')
                INSERT INTO quiet.titles SELECT id, name FROM named;
                SELECT * FROM quiet.titles WHERE id > 100;
                SELECT name, id * 10 AS tens FROM quiet.titles ORDER BY id;
                SELECT id FROM range(25);
                """);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        RunResult result = PlanExecutor.run(plan("quiet-1", warehouse, List.of("quiet"), sql("load", file, Map.of())),
                workDir, () -> spark, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(result.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(count("local.quiet.titles")).isEqualTo(2);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        // The CREATE, the WITH ... INSERT and the query without rows print no table at all (no "++", "||").
        assertThat(lines).noneMatch(line -> line.matches("[+|]+")).noneMatch(line -> line.startsWith("|id |name|"))
                .filteredOn(line -> line.startsWith("|name")).hasSize(1);
        assertThat(String.join("\n", lines)).contains("""
                +----+----+
                |name|tens|
                +----+----+
                |one |10  |
                |two |20  |
                +----+----+
                """).contains("|19 |\n+---+\nonly showing top 20 rows").doesNotContain("|20 |");
    }

    @Test
    void taskConfAppliesToThatTaskOnly() {
        Path file = sqlFile("zone.sql", """
                CREATE TABLE conf.zones (zone STRING) USING iceberg;
                INSERT INTO conf.zones SELECT current_timezone();
                """);
        PlanTask.Sql task = new PlanTask.Sql("zone", List.of(), file.toString(), Map.of(),
                Map.of("spark.sql.session.timeZone", "America/New_York", "spark.executor.memory", "8g"));

        RunResult result = run(plan("conf-1", warehouse, List.of("conf"), task));

        assertThat(rows("SELECT zone FROM local.conf.zones")).map(Row::toString).containsExactly("[America/New_York]");
        assertThat(spark.conf().get("spark.sql.session.timeZone")).isEqualTo("UTC");
        assertThat(result.task("zone").status()).isEqualTo(TaskStatus.WARNED);
        assertThat(result.task("zone").warnings()).singleElement().asString()
                .contains("spark.executor.memory cannot change in a running session");
    }

    @Test
    void missingParameterFailsBeforeAnyStatementRuns() throws IOException {
        Path file = sqlFile("partial.sql", """
                CREATE TABLE sqltest.never_created (id BIGINT) USING iceberg;
                INSERT INTO sqltest.never_created SELECT ${UNDEFINED};
                """);

        RunResult result = run(plan("sql-2", warehouse, List.of("sqltest"), sql("load", file, Map.of())));

        assertThat(result.task("load").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.task("load").error()).contains("partial.sql", "line 2", "${UNDEFINED}");
        assertThat(spark.catalog().tableExists("local.sqltest.never_created")).isFalse();
    }

    @Test
    void failedTaskSkipsItsDependantsAndIndependentTasksStillRun() throws IOException {
        Path broken = sqlFile("broken.sql", "INSERT INTO deps.nowhere VALUES (1);");
        Path fine = sqlFile("fine.sql", "CREATE TABLE deps.independent (id INT) USING iceberg; INSERT INTO deps.independent VALUES (7);");

        RunResult result = run(plan("deps-1", warehouse, List.of("deps"),
                sql("broken", broken, Map.of()),
                noop("child", "broken"),
                noop("grandchild", "child"),
                sql("independent", fine, Map.of()),
                noop("after-independent", "independent")));

        assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.tasks()).extracting(TaskResult::id, TaskResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("broken", TaskStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple("child", TaskStatus.SKIPPED),
                org.assertj.core.groups.Tuple.tuple("grandchild", TaskStatus.SKIPPED),
                org.assertj.core.groups.Tuple.tuple("independent", TaskStatus.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("after-independent", TaskStatus.SUCCEEDED));
        assertThat(result.task("broken").error()).contains("broken.sql", "statement 1 of 1", "nowhere");
        assertThat(result.task("grandchild").error()).isEqualTo("skipped because 'child' skipped");
        assertThat(count("local.deps.independent")).isEqualTo(1);
    }

    @Test
    void metadataAndHighWaterMarkBecomeTableProperties() throws IOException {
        Path ddl = sqlFile("meta.sql", "CREATE TABLE meta.orders (id BIGINT, amount DOUBLE) USING iceberg;");
        // Named the way the workflow DSL names tables: the production catalog becomes the run's catalog.
        PlanTask.Metadata metadata = new PlanTask.Metadata("describe", List.of("ddl"), List.of("prodhive/meta/orders"),
                "Orders, one row per order; it's daily", "data-team@example.com", List.of("pii", "finance"), 90,
                Map.of("id", "pk", "amount", "metric"), Map.of("id", "order id"), Map.of("dataflow.tier", "gold"));
        PlanTask.Hwm hwm = new PlanTask.Hwm("hwm", List.of("describe"), "meta.orders", "20220101", "Europe/Berlin");

        RunResult result = run(plan("meta-1", warehouse, List.of("meta"), sql("ddl", ddl, Map.of()), metadata, hwm));

        assertThat(result.status()).isEqualTo(TaskStatus.SUCCEEDED);
        Map<String, String> properties = rows("SHOW TBLPROPERTIES local.meta.orders").stream()
                .collect(Collectors.toMap(row -> row.getString(0), row -> row.getString(1)));
        assertThat(properties)
                .containsEntry("dataflow.owner", "data-team@example.com")
                .containsEntry("dataflow.tags", "pii,finance")
                .containsEntry("dataflow.lifetime-days", "90")
                .containsEntry("dataflow.column.id.type", "pk")
                .containsEntry("dataflow.column.amount.type", "metric")
                .containsEntry("dataflow.tier", "gold")
                .containsEntry("dataflow.hwm.datetime", "2022-01-01T00:00:00")
                .containsEntry("dataflow.hwm.timezone", "Europe/Berlin")
                .containsEntry("dataflow.hwm.instant", "2021-12-31T23:00:00Z")
                .containsEntry("dataflow.hwm.run-id", "meta-1");
        Map<String, String> described = rows("DESCRIBE TABLE EXTENDED local.meta.orders").stream()
                .collect(Collectors.toMap(row -> row.getString(0), row -> String.valueOf(row.getString(2)), (a, b) -> a));
        assertThat(described).containsEntry("id", "order id");
        assertThat(rows("DESCRIBE TABLE EXTENDED local.meta.orders")).map(Row::toString)
                .anyMatch(row -> row.contains("Orders, one row per order; it's daily"));
    }

    @Test
    void theHighWaterMarkOnlyMovesForward() throws IOException {
        Path ddl = sqlFile("marks.sql", "CREATE TABLE IF NOT EXISTS marks.orders (id BIGINT) USING iceberg;");
        for (String[] run : new String[][] {{"marks-1", "2024-03-07"}, {"marks-2", "2024-03-06"}, {"marks-3", "2024-03-07"},
                {"marks-4", "2024-03-08"}}) {
            RunResult result = run(plan(run[0], warehouse, List.of("marks"), sql("ddl", ddl, Map.of()),
                    new PlanTask.Hwm("hwm", List.of("ddl"), "marks.orders", run[1], null)));
            assertThat(result.status()).isEqualTo(TaskStatus.SUCCEEDED);
            Map<String, String> properties = rows("SHOW TBLPROPERTIES local.marks.orders").stream()
                    .collect(Collectors.toMap(row -> row.getString(0), row -> row.getString(1)));
            // An earlier date (a backfill, or a run that finished late) leaves the later mark; the same or a later one
            // moves it.
            String[] expected = switch (run[0]) {
                case "marks-1", "marks-2" -> new String[] {"2024-03-07T00:00:00", "marks-1"};
                case "marks-3" -> new String[] {"2024-03-07T00:00:00", "marks-3"};
                default -> new String[] {"2024-03-08T00:00:00", "marks-4"};
            };
            assertThat(properties).as(run[0]).containsEntry("dataflow.hwm.datetime", expected[0])
                    .containsEntry("dataflow.hwm.run-id", expected[1]);
        }
    }

    @Test
    void jarTaskRunsInTheRunnersSession() throws IOException {
        Path job = JobJars.compile(workDir.resolve("job-session"), "job.CountEvens", """
                package job;
                import org.apache.spark.api.java.function.FilterFunction;
                import org.apache.spark.sql.SparkSession;
                public class CountEvens {
                    public static void main(String[] args) {
                        SparkSession spark = SparkSession.builder().getOrCreate();
                        // The lambda runs on an executor, which must find this JAR's classes too.
                        long evens = spark.range(10).filter((FilterFunction<Long>) x -> x % 2 == 0).count();
                        spark.sql("INSERT INTO " + args[0] + " VALUES (" + evens + ", '"
                                + spark.sparkContext().applicationId() + "')");
                    }
                }
                """);
        Path ddl = sqlFile("jobs.sql", "CREATE TABLE jobs.counts (evens BIGINT, app STRING) USING iceberg;");

        RunResult result = run(plan("jar-1", warehouse, List.of("jobs"),
                sql("ddl", ddl, Map.of()), jar("count", job, "job.CountEvens", List.of("jobs.counts"), "ddl")));

        assertThat(result.task("count").status()).as(result.task("count").error()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(rows("SELECT evens, app FROM local.jobs.counts")).map(Row::toString)
                .containsExactly("[5," + spark.sparkContext().applicationId() + "]");
    }

    @Test
    @SuppressWarnings("removal")
    void systemExitInAJobFailsOnlyThatTask() throws IOException {
        assumeTrue(Runtime.version().feature() < 18 || "allow".equals(System.getProperty("java.security.manager")),
                "intercepting System.exit needs a JVM that allows a SecurityManager (JDK 17, or -Djava.security.manager=allow)");
        Path job = JobJars.compile(workDir.resolve("job-exit"), "job.Quit", """
                package job;
                public class Quit {
                    public static void main(String[] args) {
                        System.exit(Integer.parseInt(args[0]));
                    }
                }
                """);

        RunResult result = run(plan("jar-2", warehouse, List.of(),
                jar("fails", job, "job.Quit", List.of("3")),
                jar("exits-cleanly", job, "job.Quit", List.of("0")),
                noop("still-runs")));

        assertThat(result.task("fails").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.task("fails").error()).contains("job.Quit called System.exit(3)");
        assertThat(result.task("exits-cleanly").status()).isEqualTo(TaskStatus.WARNED);
        assertThat(result.task("exits-cleanly").warnings()).singleElement().asString().contains("System.exit(0)");
        assertThat(result.task("still-runs").status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(System.getSecurityManager()).isNull();
    }

    @Test
    void pythonTaskWithoutPysparkFailsSayingWhatIsNeeded() throws IOException, InterruptedException {
        Process probe = new ProcessBuilder("python3", "-c", "import pyspark").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        assumeTrue(probe.waitFor() != 0, "pyspark is importable here, so the missing-pyspark message cannot be observed");
        Path script = Files.writeString(workDir.resolve("hello.py"), "print('hello')\n");

        RunResult result = run(TestPlans.withPython(plan("py-1", warehouse, List.of(),
                new PlanTask.Python("hello", List.of(), script.toString(), null, List.of(), Map.of()), noop("other")), "python3"));

        assertThat(result.task("hello").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.task("hello").error())
                .contains("needs Python with pyspark", "python3 -c 'import pyspark'` failed", "No module named 'pyspark'",
                        "Install pyspark");
        assertThat(result.task("other").status()).isEqualTo(TaskStatus.SUCCEEDED);
    }

    @Test
    void pythonTaskRunsTheWheelModuleWithTheRunnersSparkSettings() throws IOException {
        Path calls = workDir.resolve("python-calls.txt");
        Path python = StandInPython.recording(workDir, spark.version(), calls);
        Path wheel = Files.write(workDir.resolve("hello_world-0.1-py3-none-any.whl"), new byte[] {'P', 'K'});

        RunResult result = run(TestPlans.withPython(plan("py-2", warehouse, List.of(),
                new PlanTask.Python("hello", List.of(), wheel.toString(), "hello_world.main", List.of("2022-01-01"),
                        Map.of("spark.executor.memory", "2g")),
                new PlanTask.Python("broken", List.of(), wheel.toString(), "hello_world.main", List.of("fail"), Map.of()),
                new PlanTask.Python("function", List.of(), wheel.toString(), "hello_world.main:run", List.of(), Map.of())),
                python.toString()));

        assertThat(result.task("hello").status()).as(result.task("hello").error()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(result.task("broken").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.task("broken").error()).contains("exited with status 4");
        String recorded = Files.readString(calls);
        assertThat(recorded)
                .contains("args: -m hello_world.main 2022-01-01")
                .contains("sys.exit(getattr(importlib.import_module('hello_world.main'), 'run')())")
                .contains("PYTHONPATH=" + wheel)
                .contains("'--master' 'local[2]'")
                .contains("'--conf' 'spark.sql.catalog.local.warehouse=" + plan("any", warehouse, List.of()).warehouseUri() + "'")
                .contains("'--conf' 'spark.sql.iceberg.snapshot-property.dataflow.run-id=py-2'")
                .contains("'--conf' 'spark.executor.memory=2g'")
                .contains("'--jars' '")
                .contains("iceberg-spark-runtime")
                // The wheel reaches executors' Python as a .zip (PySpark adds only .zip/.egg/.jar to their path).
                .contains("'--py-files' '" + wheel + ".zip'")
                .contains("'pyspark-shell'");
        assertThat(Path.of(wheel + ".zip")).hasSameBinaryContentAs(wheel);
    }
}
