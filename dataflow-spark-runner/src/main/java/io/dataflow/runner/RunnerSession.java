package io.dataflow.runner;

import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.run.RunPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of a run: Iceberg catalog, quiet, UTC. On {@code local[…]} everything stays on loopback; on a
 * cluster master ({@code spark://…}, {@code yarn}, {@code k8s://…}) the driver runs here and the executors load
 * Iceberg and every JAR of the run from the driver ({@code spark.jars}), nothing from the cluster's own installation.
 */
public final class RunnerSession {

    /** Session property prefix under which Iceberg copies entries into every snapshot summary it commits. */
    static final String SNAPSHOT_PROPERTY_PREFIX = "spark.sql.iceberg.snapshot-property.";

    /** A class of the AWS SDK that Iceberg's S3 file IO uses. */
    static final String AWS_SDK_S3_CLIENT = "software.amazon.awssdk.services.s3.S3Client";

    private RunnerSession() {}

    /** Starts (or joins, if this JVM already has one) the session described by the plan. */
    public static SparkSession start(RunPlan plan, Path baseDir) {
        return start(plan, baseDir, Map.of());
    }

    /**
     * Starts (or joins) the session described by the plan, with {@code more} settings that win over the plan's: a
     * job's own resources ({@code spark.executor.memory}, …), which a running session cannot change.
     */
    public static SparkSession start(RunPlan plan, Path baseDir, Map<String, String> more) {
        SparkSession.Builder builder = SparkSession.builder()
                .master(plan.master())
                .appName("dataflow-run " + plan.runId());
        settings(plan, baseDir).forEach(builder::config);
        more.forEach(builder::config);
        // Before the SparkContext exists: its local executors adopt this loader as their parent.
        JobClassLoader.installOnCurrentThread();
        return builder.getOrCreate();
    }

    /** Whether executors run in this JVM ({@code local}, {@code local[2]}, …). */
    static boolean isLocal(RunPlan plan) {
        return plan.master().startsWith("local");
    }

    /**
     * Every setting the runner gives Spark; the plan's own {@code sparkConf} comes last and wins, except that its
     * {@code spark.jars} are added to the ones a cluster run ships.
     *
     * @param baseDir the directory the plan's paths are relative to
     */
    static Map<String, String> settings(RunPlan plan, Path baseDir) {
        String catalog = "spark.sql.catalog." + plan.catalog();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spark.ui.enabled", "false");
        settings.put("spark.ui.showConsoleProgress", "false");
        settings.put("spark.sql.shuffle.partitions", "2");
        if (isLocal(plan)) {
            settings.put("spark.driver.host", "127.0.0.1");
            settings.put("spark.driver.bindAddress", "127.0.0.1");
        }
        settings.put("spark.sql.session.timeZone", "UTC");
        settings.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
        settings.put(catalog, "org.apache.iceberg.spark.SparkCatalog");
        settings.put(catalog + "." + RunPlan.CATALOG_TYPE, RunPlan.HADOOP_CATALOG_TYPE);
        if (plan.warehouseUri() != null) {
            settings.put(catalog + ".warehouse", plan.warehouseUri());
        }
        // Several tasks and jobs share the catalog; a cached table could hide another task's commit.
        settings.put(catalog + ".cache-enabled", "false");
        // type=rest, uri, the S3 file IO's endpoint, …: the catalog's own properties win over the defaults above.
        plan.catalogProperties().forEach((key, value) -> settings.put(catalog + "." + key, value));
        // SQL files name tables db.table, as they would on a cluster whose default catalog is Iceberg.
        settings.put("spark.sql.defaultCatalog", plan.catalog());
        // Keeps Spark's own (non-Iceberg) warehouse out of the user's working directory; Spark needs a file system
        // it can reach without extra JARs, so a warehouse on object storage leaves it in the default warehouse.
        String sparkWarehouse = plan.warehouseUri() != null && plan.warehouseUri().startsWith("file:")
                ? plan.warehouseUri() : RunPlan.defaultWarehouse().toUri().toString();
        settings.put("spark.sql.warehouse.dir", sparkWarehouse.replaceAll("/*$", "") + "/_spark_catalog");
        settings.putAll(plan.sparkConf());
        if (!isLocal(plan)) {
            List<String> jars = new ArrayList<>(shippedJars(plan, baseDir));
            String given = plan.sparkConf().get("spark.jars");
            if (given != null && !given.isBlank()) {
                jars.add(given);
            }
            settings.put("spark.jars", String.join(",", jars));
        }
        return settings;
    }

    /**
     * What executors on a cluster need from this machine: the Iceberg runtime the driver itself runs with, and the
     * bundle's copy of every JAR task's jar (its classes may run in executors: UDFs, closures).
     */
    static List<String> shippedJars(RunPlan plan, Path baseDir) {
        Set<String> jars = new LinkedHashSet<>(runtimeJars());
        for (PlanTask task : plan.allTasks()) {
            if (task instanceof PlanTask.Jar jar) {
                jars.add(baseDir.resolve(jar.jar()).toAbsolutePath().normalize().toUri().toString());
            }
        }
        return List.copyOf(jars);
    }

    /**
     * The JARs every Spark driver and executor of a run needs besides Spark: the Iceberg runtime the runner runs with,
     * and the AWS SDK (iceberg-aws-bundle) when the class path has it (a catalog on S3 uses it).
     */
    static List<String> runtimeJars() {
        List<String> jars = new ArrayList<>();
        jars.add(codeSource(org.apache.iceberg.spark.SparkCatalog.class));
        awsSdk().ifPresent(jars::add);
        return jars;
    }

    private static java.util.Optional<String> awsSdk() {
        try {
            return java.util.Optional.of(codeSource(Class.forName(AWS_SDK_S3_CLIENT, false,
                    RunnerSession.class.getClassLoader())));
        } catch (ClassNotFoundException e) {
            return java.util.Optional.empty();
        }
    }

    private static String codeSource(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI().toString();
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("Cannot tell which JAR " + type.getName() + " was loaded from, so a cluster"
                    + " run cannot ship it to the executors", e);
        }
    }
}
