package io.dataflow.runner;

import io.dataflow.contract.run.RunPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The one local Spark session of a run: Iceberg catalog, quiet, loopback only, UTC. */
public final class RunnerSession {

    /** Session property prefix under which Iceberg copies entries into every snapshot summary it commits. */
    static final String SNAPSHOT_PROPERTY_PREFIX = "spark.sql.iceberg.snapshot-property.";

    private RunnerSession() {}

    /** Starts (or joins, if this JVM already has one) the session described by the plan. */
    public static SparkSession start(RunPlan plan) {
        SparkSession.Builder builder = SparkSession.builder()
                .master(plan.master())
                .appName("dataflow-run " + plan.runId());
        settings(plan).forEach(builder::config);
        // Before the SparkContext exists: its local executors adopt this loader as their parent.
        JobClassLoader.installOnCurrentThread();
        return builder.getOrCreate();
    }

    /** Every setting the runner gives Spark; the plan's own {@code sparkConf} comes last and wins. */
    static Map<String, String> settings(RunPlan plan) {
        String catalog = "spark.sql.catalog." + plan.catalog();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spark.ui.enabled", "false");
        settings.put("spark.ui.showConsoleProgress", "false");
        settings.put("spark.sql.shuffle.partitions", "2");
        settings.put("spark.driver.host", "127.0.0.1");
        settings.put("spark.driver.bindAddress", "127.0.0.1");
        settings.put("spark.sql.session.timeZone", "UTC");
        settings.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
        settings.put(catalog, "org.apache.iceberg.spark.SparkCatalog");
        settings.put(catalog + ".type", "hadoop");
        settings.put(catalog + ".warehouse", plan.warehouseUri());
        // Several tasks and jobs share the catalog; a cached table could hide another task's commit.
        settings.put(catalog + ".cache-enabled", "false");
        // SQL files name tables db.table, as they would on a cluster whose default catalog is Iceberg.
        settings.put("spark.sql.defaultCatalog", plan.catalog());
        // Keeps Spark's own (non-Iceberg) warehouse out of the user's working directory.
        settings.put("spark.sql.warehouse.dir", plan.warehouseUri().replaceAll("/*$", "") + "/_spark_catalog");
        settings.putAll(plan.sparkConf());
        return settings;
    }
}
