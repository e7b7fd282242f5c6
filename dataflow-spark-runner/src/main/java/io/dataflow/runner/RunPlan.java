package io.dataflow.runner;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one local run executes: written by the engine ({@code dataflow:run}) as JSON, read by
 * {@link SparkRunnerMain}. The contract is documented in {@code docs/running.md}.
 *
 * @param formatVersion  contract version, currently {@value #FORMAT_VERSION}
 * @param runId          unique id of this run; names the WAP audit branch and goes into snapshot summaries
 * @param workflowId     the workflow being run (informational)
 * @param workflowVersion the workflow version being run (informational)
 * @param bundleDigest   digest of the bundle the tasks come from; goes into snapshot summaries
 * @param master         Spark master, default {@value #DEFAULT_MASTER}
 * @param warehouse      warehouse of the Iceberg hadoop catalog ({@code file:///…} or a path), default {@code ~/.dataflow/warehouse}
 * @param catalog        name of that catalog in Spark, default {@value #DEFAULT_CATALOG}; also the default catalog
 * @param sparkConf      extra Spark settings, applied last (they win)
 * @param namespaces     namespaces (databases) to create in the catalog before the first task, if absent
 * @param baseDir        directory relative task paths are resolved against, default the plan file's directory
 * @param python         Python interpreter for python tasks, default {@code $PYSPARK_PYTHON}, else {@code python3}
 * @param tasks          tasks in an order where every task comes after the tasks it depends on
 */
public record RunPlan(Integer formatVersion, String runId, String workflowId, Integer workflowVersion,
        String bundleDigest, String master, String warehouse, String catalog, Map<String, String> sparkConf,
        List<String> namespaces, String baseDir, String python, List<TaskSpec> tasks) {

    public static final int FORMAT_VERSION = 1;
    public static final String DEFAULT_MASTER = "local[2]";
    public static final String DEFAULT_CATALOG = "local";

    public RunPlan {
        formatVersion = formatVersion == null ? FORMAT_VERSION : formatVersion;
        master = isBlank(master) ? DEFAULT_MASTER : master;
        catalog = isBlank(catalog) ? DEFAULT_CATALOG : catalog;
        warehouse = warehouseUri(isBlank(warehouse) ? defaultWarehouse().toString() : warehouse);
        sparkConf = sparkConf == null ? Map.of() : Map.copyOf(sparkConf);
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /** {@code ~/.dataflow/warehouse}: local runs need no configuration, like the default registry. */
    public static Path defaultWarehouse() {
        return Path.of(System.getProperty("user.home"), ".dataflow", "warehouse");
    }

    /** A plain path becomes a {@code file:} URI; URIs (with a scheme) are kept as given. */
    static String warehouseUri(String warehouse) {
        if (warehouse.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")) {
            return warehouse;
        }
        URI uri = Path.of(warehouse).toAbsolutePath().normalize().toUri();
        return uri.toString();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
