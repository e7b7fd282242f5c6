package io.dataflow.runner;

import static io.dataflow.runner.TestPlans.jar;
import static io.dataflow.runner.TestPlans.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.contract.run.RunPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the runner tells Spark, on the embedded default and on a cluster. */
class RunnerSessionSettingsTest {

    private static final Path BASE = Path.of("/runs/r1/bundles");

    private static RunPlan plan(String master, Map<String, String> conf) {
        RunPlan local = TestPlans.plan("settings", Path.of("/tmp/warehouse"), List.of(),
                sql("ddl", Path.of("ddl.sql"), Map.of()), jar("job", Path.of("jobs/job.jar"), "job.Main", List.of()));
        return new RunPlan(local.formatVersion(), local.runId(), local.workflowId(), local.workflowVersion(),
                local.bundleDigest(), master, local.warehouse(), local.catalog(), conf, local.namespaces(),
                local.baseDir(), local.python(), local.tasks());
    }

    @Test
    void aLocalRunStaysOnLoopbackAndShipsNothing() {
        Map<String, String> settings = RunnerSession.settings(plan("local[2]", Map.of()), BASE);

        assertThat(settings).containsEntry("spark.driver.host", "127.0.0.1")
                .containsEntry("spark.driver.bindAddress", "127.0.0.1").doesNotContainKey("spark.jars");
    }

    @Test
    void aClusterRunShipsIcebergAndEveryJobJarAndKeepsTheUsersSettings() {
        Map<String, String> settings = RunnerSession.settings(plan("spark://spark-master:7077",
                Map.of("spark.executor.memory", "4g", "spark.jars", "hdfs:///libs/extra.jar")), BASE);

        assertThat(settings).doesNotContainKeys("spark.driver.host", "spark.driver.bindAddress")
                .containsEntry("spark.executor.memory", "4g");
        List<String> jars = List.of(settings.get("spark.jars").split(","));
        assertThat(jars).hasSize(3);
        assertThat(jars.get(0)).startsWith("file:").contains("iceberg-spark-runtime").endsWith(".jar");
        assertThat(jars.get(1)).isEqualTo(BASE.resolve("jobs/job.jar").toUri().toString());
        assertThat(jars.get(2)).isEqualTo("hdfs:///libs/extra.jar");
    }

    @Test
    void theDefaultIsTheHadoopCatalogInTheWarehouse() {
        Map<String, String> settings = RunnerSession.settings(plan("local[2]", Map.of()), BASE);

        assertThat(settings).containsEntry("spark.sql.catalog.local.type", "hadoop")
                .containsEntry("spark.sql.catalog.local.warehouse", "file:///tmp/warehouse")
                .containsEntry("spark.sql.warehouse.dir", "file:///tmp/warehouse/_spark_catalog");
    }

    @Test
    void aRestCatalogGetsItsPropertiesAndSparksOwnWarehouseStaysOnLocalDisk() {
        RunPlan local = plan("local[2]", Map.of());
        RunPlan rest = new RunPlan(local.formatVersion(), local.runId(), local.workflowId(), local.workflowVersion(),
                local.bundleDigest(), local.master(), "s3://lake/warehouse", local.catalog(), Map.of(),
                local.namespaces(), local.baseDir(), local.python(), local.tasks(),
                Map.of("type", "rest", "uri", "http://127.0.0.1:8181", "s3.endpoint", "http://127.0.0.1:9000"));

        Map<String, String> settings = RunnerSession.settings(rest, BASE);

        assertThat(settings).containsEntry("spark.sql.catalog.local.type", "rest")
                .containsEntry("spark.sql.catalog.local.uri", "http://127.0.0.1:8181")
                .containsEntry("spark.sql.catalog.local.warehouse", "s3://lake/warehouse")
                .containsEntry("spark.sql.catalog.local.s3.endpoint", "http://127.0.0.1:9000")
                .containsEntry("spark.sql.warehouse.dir",
                        RunPlan.defaultWarehouse().toUri().toString().replaceAll("/*$", "") + "/_spark_catalog");
        assertThat(PlanExecutor.catalogDescription(rest))
                .isEqualTo("rest catalog http://127.0.0.1:8181, warehouse s3://lake/warehouse");
    }

    @Test
    void aRestCatalogWithoutAWarehouseLetsTheCatalogChoose() {
        RunPlan rest = new RunPlan(null, "r", null, null, null, null, null, null, null, null, null, null, null,
                Map.of("type", "rest", "uri", "http://catalog:8181"));

        assertThat(rest.warehouse()).isNull();
        assertThat(RunnerSession.settings(rest, BASE)).doesNotContainKey("spark.sql.catalog.local.warehouse");
    }
}
