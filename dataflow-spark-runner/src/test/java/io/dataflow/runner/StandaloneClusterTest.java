package io.dataflow.runner;

import static io.dataflow.runner.TestPlans.audit;
import static io.dataflow.runner.TestPlans.jar;
import static io.dataflow.runner.TestPlans.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.contract.run.AuditFunction;
import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.run.RunJson;
import io.dataflow.contract.run.RunPlan;
import io.dataflow.contract.run.RunResult;
import io.dataflow.contract.run.TaskResult;
import io.dataflow.contract.run.TaskStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run on a real Spark standalone cluster: a Master and a Worker started on loopback from the Spark JARs of this
 * build by {@code src/test/cluster/standalone-cluster.sh} (no Docker), executors in JVMs of their own started by the
 * Worker. The Worker's Spark installation holds Spark alone, like a real one: Iceberg and the job's JAR reach the
 * executors only because the runner ships them ({@code spark.jars}).
 */
class StandaloneClusterTest {

    /** The one launcher of the project's test clusters, shared with src/it/cluster-journey. */
    private static final Path CLUSTER_SCRIPT = Path.of("src", "test", "cluster", "standalone-cluster.sh");

    @TempDir
    static Path cluster;

    @TempDir
    Path dir;

    private static String masterUrl;
    private static Path workDir;

    @BeforeAll
    static void startMasterAndWorker() throws Exception {
        Path classPath = Files.writeString(cluster.resolve("classpath.txt"), JobJars.testClassPath());
        workDir = cluster.resolve("work");
        // Port 0: the Master picks a free one; the script prints the URL once the Worker has registered.
        String output = clusterScript("start", classPath.toString(), Path.of("target", "classes").toString(),
                cluster.toString(), "0");
        masterUrl = Files.readString(cluster.resolve("master-url")).strip();
        assertThat(masterUrl).as(output).matches("spark://127\\.0\\.0\\.1:\\d+");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        clusterScript("stop", cluster.toString());
    }

    @Test
    void sqlWapAndAJarJobRunInExecutorsOfTheCluster() throws Exception {
        Path warehouse = dir.resolve("warehouse");
        Path ddl = Files.writeString(dir.resolve("ddl.sql"), """
                CREATE TABLE IF NOT EXISTS cluster_db.events (n BIGINT) USING iceberg
                TBLPROPERTIES ('write.wap.enabled' = 'true');""");
        Path insert = Files.writeString(dir.resolve("insert.sql"),
                "INSERT INTO cluster_db.events SELECT id FROM range(0, 1000, 1, 4);");
        // The lambda is a class of the job's JAR: executors can only run it if the JAR was shipped to them.
        Path job = JobJars.compile(dir.resolve("job"), "job.Doubles", """
                package job;
                import org.apache.spark.api.java.function.MapFunction;
                import org.apache.spark.sql.Encoders;
                import org.apache.spark.sql.SparkSession;
                public class Doubles {
                    public static void main(String[] args) throws Exception {
                        SparkSession spark = SparkSession.builder().getOrCreate();
                        spark.range(0, 500, 1, 4).map((MapFunction<Long, Long>) n -> n * 2, Encoders.LONG())
                                .toDF("n").writeTo(args[0]).append();
                    }
                }
                """);
        RunPlan local = TestPlans.plan("cluster-1", warehouse, List.of("cluster_db"),
                sql("ddl", ddl, Map.of()),
                new PlanTask.Wap("publish", List.of("ddl"), List.of("cluster_db.events"),
                        List.of(sql("insert", insert, Map.of()), jar("doubles", job, "job.Doubles",
                                List.of("cluster_db.events"))),
                        List.of(audit(AuditFunction.ROW_COUNT_SHOULD_BE_BETWEEN, true, Map.of("min", 1500, "max", 1500)))));
        RunPlan plan = new RunPlan(local.formatVersion(), local.runId(), local.workflowId(), local.workflowVersion(),
                local.bundleDigest(), masterUrl, local.warehouse(), local.catalog(),
                // The driver on loopback too, and executors small enough for a 2-core machine.
                Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1",
                        "spark.executor.memory", "512m", "spark.executor.cores", "1", "spark.cores.max", "1"),
                local.namespaces(), local.baseDir(), local.python(), local.tasks());
        Path planFile = dir.resolve("plan.json");
        RunJson.writePlan(plan, planFile);
        Path resultFile = dir.resolve("result.json");

        ForkedRunner.Fork fork = ForkedRunner.run(dir, planFile, resultFile, Map.of());

        assertThat(fork.exitCode()).as(() -> fork.output() + "\nWorker:\n" + read(cluster.resolve("worker.log"))
                + "\nExecutors:\n" + executorLogs()).isZero();
        assertThat(fork.output()).contains("Spark master " + masterUrl);
        RunResult result = RunJson.readResult(resultFile);
        assertThat(result.tasks()).extracting(TaskResult::id, TaskResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ddl", TaskStatus.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("publish", TaskStatus.SUCCEEDED));
        // 1000 rows of SQL and 500 of the job, audited on the branch and published.
        assertThat(result.task("publish").audits()).singleElement().satisfies(outcome ->
                assertThat(outcome.message()).isEqualTo("1500 rows, expected between 1500 and 1500"));
        assertThat(result.task("publish").publishedSnapshots()).containsKey("local.cluster_db.events");
        // The tasks ran in an executor JVM the Worker started, which fetched Iceberg and the job from the driver.
        String executorLogs = executorLogs();
        assertThat(executorLogs).contains("Running task", "Fetching spark://127.0.0.1:")
                .contains("iceberg-spark-runtime").contains("job-Doubles.jar");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String executorLogs() {
        StringBuilder logs = new StringBuilder();
        try (Stream<Path> files = Files.walk(workDir)) {
            for (Path file : files.filter(path -> path.getFileName().toString().equals("stderr")).toList()) {
                logs.append(read(file));
            }
        } catch (IOException e) {
            logs.append(e);
        }
        return logs.toString();
    }

    /** Runs the cluster script with this JVM's java; fails the test with its output when it fails. */
    private static String clusterScript(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", CLUSTER_SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(() -> String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }
}
