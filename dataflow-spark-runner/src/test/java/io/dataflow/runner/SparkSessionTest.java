package io.dataflow.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One real local Spark session with the runner's Iceberg catalog per test class (start-up costs seconds). */
abstract class SparkSessionTest {

    @TempDir
    static Path workDir;

    static Path warehouse;
    static SparkSession spark;

    @BeforeAll
    static void startSpark() throws IOException {
        warehouse = Files.createDirectories(workDir.resolve("warehouse"));
        spark = RunnerSession.start(TestPlans.plan("session", warehouse, List.of()));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    static RunResult run(RunPlan plan) {
        return PlanExecutor.run(plan, workDir, () -> spark, System.out);
    }

    static Path sqlFile(String name, String text) throws IOException {
        return Files.writeString(workDir.resolve(name), text);
    }

    static List<Row> rows(String query) {
        return spark.sql(query).collectAsList();
    }

    static long count(String table) {
        return spark.table(table).count();
    }
}
