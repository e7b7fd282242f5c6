package io.dataflow.runner;

import io.dataflow.contract.run.RunPlan;
import io.dataflow.contract.run.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;

/**
 * One real local Spark session with the runner's Iceberg catalog, shared by every test class of the
 * test JVM (start-up costs seconds; Spark stops it when the JVM exits). Tests keep apart by using their
 * own namespaces and run ids. Files go under {@code target/}.
 */
abstract class SparkSessionTest {

    static Path workDir;
    static Path warehouse;
    static SparkSession spark;

    @BeforeAll
    static synchronized void startSpark() throws IOException {
        if (spark == null) {
            workDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "spark-tests")), "run-")
                    .toAbsolutePath();
            warehouse = Files.createDirectories(workDir.resolve("warehouse"));
            spark = RunnerSession.start(TestPlans.plan("session", warehouse, List.of()), workDir);
        }
    }

    static RunResult run(RunPlan plan) {
        return PlanExecutor.run(plan, workDir, () -> spark, System.out);
    }

    static Path sqlFile(String name, String text) {
        try {
            return Files.writeString(workDir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Row> rows(String query) {
        return spark.sql(query).collectAsList();
    }

    static long count(String table) {
        return spark.table(table).count();
    }
}
