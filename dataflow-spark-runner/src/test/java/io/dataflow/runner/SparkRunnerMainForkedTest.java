package io.dataflow.runner;

import static io.dataflow.runner.TestPlans.audit;
import static io.dataflow.runner.TestPlans.jar;
import static io.dataflow.runner.TestPlans.noop;
import static io.dataflow.runner.TestPlans.plan;
import static io.dataflow.runner.TestPlans.sql;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.contract.run.PlanSecrets;
import io.dataflow.contract.run.AuditFunction;
import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.run.RunJson;
import io.dataflow.contract.run.RunPlan;
import io.dataflow.contract.run.RunResult;
import io.dataflow.contract.run.TaskResult;
import io.dataflow.contract.run.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real entry point in its own JVM, started the way dataflow:run starts it. */
class SparkRunnerMainForkedTest {

    private static final io.dataflow.core.run.RunnerInfo RUNNER = ForkedRunner.RUNNER;

    @TempDir
    Path dir;

    @Test
    void forkedRunnerExecutesPlanWritesResultAndExitsNonZeroOnFailure() throws Exception {
        Path warehouse = dir.resolve("warehouse");
        Path ddl = Files.writeString(dir.resolve("ddl.sql"), "CREATE TABLE ${DB}.visits (n BIGINT) USING iceberg;");
        Path insert = Files.writeString(dir.resolve("insert.sql"), "INSERT INTO ${DB}.visits VALUES (2);");
        Path broken = Files.writeString(dir.resolve("broken.sql"), "SELECT * FROM forked.missing;");
        // Many jobs end with spark.stop(); the rest of the WAP task and later tasks must still get a session.
        Path job = JobJars.compile(dir.resolve("job"), "job.InsertAndStop", """
                package job;
                import org.apache.spark.sql.SparkSession;
                public class InsertAndStop {
                    public static void main(String[] args) {
                        SparkSession spark = SparkSession.builder().getOrCreate();
                        spark.sql("INSERT INTO " + args[0] + " VALUES (1)");
                        spark.stop();
                    }
                }
                """);
        Map<String, String> params = Map.of("DB", "forked");
        RunPlan plan = plan("forked-1", warehouse, List.of("forked"),
                sql("ddl", ddl, params),
                new PlanTask.Wap("publish", List.of("ddl"), List.of("forked.visits"),
                        List.of(jar("job", job, "job.InsertAndStop", List.of("forked.visits")), sql("insert", insert, params)),
                        List.of(audit(AuditFunction.ROW_COUNT_SHOULD_BE_BETWEEN, true, Map.of("min", 2, "max", 2)))),
                sql("broken", broken, Map.of()),
                noop("report", "broken", "publish"));
        Path planFile = dir.resolve("plan.json");
        RunJson.writePlan(plan, planFile);
        Path resultFile = dir.resolve("out/result.json");

        ForkedRunner.Fork fork = fork(planFile, resultFile);

        assertThat(fork.exitCode()).as(fork.output()).isEqualTo(SparkRunnerMain.EXIT_TASK_FAILED);
        RunResult result = RunJson.readResult(resultFile);
        assertThat(result.complete()).isTrue();
        assertThat(result.sparkVersion()).isEqualTo(RUNNER.sparkVersion());
        assertThat(result.tasks()).extracting(TaskResult::id, TaskResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ddl", TaskStatus.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("publish", TaskStatus.WARNED),
                org.assertj.core.groups.Tuple.tuple("broken", TaskStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple("report", TaskStatus.SKIPPED));
        assertThat(result.task("publish").warnings()).singleElement().asString()
                .contains("job.InsertAndStop stopped the shared SparkSession");
        // Both writes, before and after the restart, were staged on the branch, audited and published.
        assertThat(result.task("publish").audits()).singleElement().satisfies(audit ->
                assertThat(audit.message()).isEqualTo("2 rows, expected between 2 and 2"));
        long published = result.task("publish").publishedSnapshots().get("local.forked.visits");
        JsonNode metadata = currentMetadata(warehouse.resolve("forked/visits"));
        assertThat(metadata.path("current-snapshot-id").asLong()).isEqualTo(published);
        // main moved once, by the publish: the job's write before the restart did not land on main directly.
        assertThat(metadata.path("snapshot-log")).hasSize(1);
        assertThat(metadata.path("refs").fieldNames()).toIterable().containsExactly("main");
        assertThat(result.task("broken").error()).contains("TABLE_OR_VIEW_NOT_FOUND");
        assertThat(fork.output()).contains("[dataflow-run] Task broken FAILED").doesNotContain(" INFO ");
    }

    @Test
    void aJobWithResourceSettingsGetsASessionOfItsOwnAndLaterTasksTheRunsAgain() throws Exception {
        Path warehouse = dir.resolve("warehouse");
        Path ddl = Files.writeString(dir.resolve("ddl.sql"), "CREATE TABLE sized.t (n BIGINT) USING iceberg;");
        // Records the session it runs in: executor memory (static), shuffle partitions (runtime), the WAP branch.
        Path job = JobJars.compile(dir.resolve("job"), "job.Record", """
                package job;
                import java.nio.file.*;
                import org.apache.spark.sql.SparkSession;
                public class Record {
                    public static void main(String[] args) throws Exception {
                        SparkSession spark = SparkSession.builder().getOrCreate();
                        if (args.length > 1) {
                            spark.sql("INSERT INTO " + args[1] + " VALUES (1)");
                        }
                        Files.writeString(Path.of(args[0]), spark.sparkContext().getConf().get("spark.executor.memory", "unset")
                                + " " + spark.conf().get("spark.sql.shuffle.partitions")
                                + " " + spark.conf().get("spark.wap.branch", "none"));
                    }
                }
                """);
        Path sized = dir.resolve("sized.txt");
        Path after = dir.resolve("after.txt");
        PlanTask.Jar write = new PlanTask.Jar("write", List.of(), job.toString(), "job.Record",
                List.of(sized.toString(), "sized.t"), Map.of("spark.executor.memory", "1536m",
                        "spark.sql.shuffle.partitions", "3"));
        RunPlan plan = plan("sized-1", warehouse, List.of("sized"), sql("ddl", ddl, Map.of()),
                new PlanTask.Wap("publish", List.of("ddl"), List.of("sized.t"), List.of(write),
                        List.of(audit(AuditFunction.ROW_COUNT_SHOULD_BE_BETWEEN, true, Map.of("min", 1, "max", 1)))),
                jar("after", job, "job.Record", List.of(after.toString()), "publish"));
        Path planFile = dir.resolve("plan.json");
        RunJson.writePlan(plan, planFile);
        Path resultFile = dir.resolve("out/result.json");

        ForkedRunner.Fork fork = fork(planFile, resultFile);

        assertThat(fork.exitCode()).as(fork.output()).isZero();
        assertThat(fork.output()).contains("Spark settings {spark.executor.memory=1536m} need a session of their own");
        // The job's session had its resources and runtime setting, and wrote to the audit branch of the WAP task.
        assertThat(Files.readString(sized)).isEqualTo("1536m 3 audit_sized_1");
        assertThat(RunJson.readResult(resultFile).task("publish").audits()).singleElement()
                .satisfies(audit -> assertThat(audit.passed()).isTrue());
        // The next task ran in the run's own session again.
        assertThat(Files.readString(after)).isEqualTo("unset 2 none");
    }

    @Test
    void invalidPlanExitsWithTwoBeforeStartingSpark() throws Exception {
        Path planFile = Files.writeString(dir.resolve("plan.json"), """
                {"runId": "r", "tasks": [{"id": "a", "kind": "sql", "file": "nope.sql"}]}
                """);
        Path resultFile = dir.resolve("result.json");

        ForkedRunner.Fork fork = fork(planFile, resultFile);

        assertThat(fork.exitCode()).as(fork.output()).isEqualTo(SparkRunnerMain.EXIT_INVALID_PLAN);
        assertThat(fork.output()).contains("task 'a' field 'file'", "nope.sql, which is not a file");
        RunResult result = RunJson.readResult(resultFile);
        assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.error()).contains("nope.sql");
        assertThat(result.sparkVersion()).isNull();
    }

    @Test
    void jobThatEndsTheJvmStillLeavesAResultNamingTheTask() throws Exception {
        Path job = JobJars.compile(dir.resolve("job"), "job.Quit", """
                package job;
                public class Quit {
                    public static void main(String[] args) {
                        System.exit(5);
                    }
                }
                """);
        RunPlan plan = plan("forked-exit", dir.resolve("warehouse"), List.of(),
                jar("quits", job, "job.Quit", List.of()), noop("later"));
        Path planFile = dir.resolve("plan.json");
        RunJson.writePlan(plan, planFile);
        Path resultFile = dir.resolve("result.json");

        // Forbidding a SecurityManager is what JDK 18+ do by default: the runner cannot stop the exit.
        ForkedRunner.Fork fork = fork(planFile, resultFile, "-Djava.security.manager=disallow");

        assertThat(fork.exitCode()).as(fork.output()).isEqualTo(5);
        RunResult result = RunJson.readResult(resultFile);
        assertThat(result.complete()).isFalse();
        assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.task("quits").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.task("quits").error()).contains("the JVM shut down during this task", "System.exit");
        assertThat(result.task("later").status()).isEqualTo(TaskStatus.SKIPPED);
    }

    @Test
    void secretsComeFromTheEnvironmentAndNeverShowInOutputOrResult() throws Exception {
        String token = "tok_3f9a7c51";
        String tokenSha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        // The query's rows are printed; the assertion proves the statement got the real value.
        Path shows = Files.writeString(dir.resolve("shows.sql"), "SELECT '${TOKEN}' AS token, assert_true(sha2('${TOKEN}', 256) = '"
                + tokenSha256 + "') AS checked;");
        Path fails = Files.writeString(dir.resolve("fails.sql"), "SELECT * FROM secret_db.missing_${TOKEN};");
        Map<String, String> params = Map.of("TOKEN", "${secret:TOKEN}");
        RunPlan plan = plan("forked-secret", dir.resolve("warehouse"), List.of(), sql("shows", shows, params),
                sql("fails", fails, params));
        Path planFile = dir.resolve("plan.json");
        RunJson.writePlan(plan, planFile);
        Path resultFile = dir.resolve("result.json");

        ForkedRunner.Fork fork = fork(planFile, resultFile, Map.of(PlanSecrets.ENVIRONMENT_VARIABLE,
                "{\"${secret:TOKEN}\": \"" + token + "\"}"));

        assertThat(fork.exitCode()).as(fork.output()).isEqualTo(SparkRunnerMain.EXIT_TASK_FAILED);
        RunResult result = RunJson.readResult(resultFile);
        assertThat(result.task("shows").status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(result.task("fails").error()).contains("missing_${secret:TOKEN}");
        assertThat(fork.output()).contains("|${secret:TOKEN}|").doesNotContain(token);
        assertThat(resultFile).content().doesNotContain(token);
        assertThat(planFile).content().doesNotContain(token);
    }

    /** The table's current Iceberg metadata, read from the hadoop catalog's files without Spark. */
    private static JsonNode currentMetadata(Path table) throws IOException {
        Path metadata = table.resolve("metadata");
        String version = Files.readString(metadata.resolve("version-hint.text")).strip();
        return new ObjectMapper().readTree(metadata.resolve("v" + version + ".metadata.json").toFile());
    }

    private ForkedRunner.Fork fork(Path planFile, Path resultFile, String... extraJvmOptions)
            throws IOException, InterruptedException {
        return ForkedRunner.run(dir, planFile, resultFile, Map.of(), extraJvmOptions);
    }

    private ForkedRunner.Fork fork(Path planFile, Path resultFile, Map<String, String> environment)
            throws IOException, InterruptedException {
        return ForkedRunner.run(dir, planFile, resultFile, environment);
    }
}
