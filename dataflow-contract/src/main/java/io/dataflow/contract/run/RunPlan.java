package io.dataflow.contract.run;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run executes ({@code plan.json}): written by the engine ({@code dataflow:run}, or the test harness),
 * executed by the Spark runner. The format is documented in {@code docs/running.md}; {@link RunJson} reads and
 * writes it. Paths in tasks are relative to {@code baseDir}, itself relative to the plan file.
 *
 * @param formatVersion  contract version, {@value #FORMAT_VERSION} when left out
 * @param runId          unique id of this run; names the WAP audit branch and goes into snapshot summaries
 * @param workflowId     the workflow being run (informational)
 * @param workflowVersion the workflow version being run (informational)
 * @param bundleDigest   digest of the bundle the tasks come from; goes into snapshot summaries
 * @param master         Spark master, {@value #DEFAULT_MASTER} when blank
 * @param warehouse      warehouse of the Iceberg catalog, a path or a URI; for the Hadoop catalog (the default)
 *                       {@link #defaultWarehouse()} when blank, for another catalog type blank leaves the choice to
 *                       the catalog; see {@link #warehouseUri()}
 * @param catalog        name of that catalog in Spark, {@value #DEFAULT_CATALOG} when blank; also the default catalog
 * @param sparkConf      extra Spark settings, applied last (they win)
 * @param namespaces     namespaces (databases) to create in the catalog before the first task, if absent
 * @param baseDir        directory relative task paths are resolved against; null: the plan file's directory
 * @param python         Python interpreter for python tasks; null: {@code $PYSPARK_PYTHON}, else {@code python3}
 * @param tasks          tasks in an order where every task comes after the tasks it depends on
 * @param catalogProperties Iceberg properties of the catalog besides its warehouse, e.g. {@code type=rest},
 *                       {@code uri=http://…}, {@code s3.endpoint}; never credentials (the plan is a file). Empty: the
 *                       Hadoop catalog
 */
public record RunPlan(Integer formatVersion, String runId, String workflowId, Integer workflowVersion,
        String bundleDigest, String master, String warehouse, String catalog, Map<String, String> sparkConf,
        List<String> namespaces, String baseDir, String python, List<PlanTask> tasks,
        Map<String, String> catalogProperties) {

    public static final int FORMAT_VERSION = 1;
    public static final String DEFAULT_MASTER = "local[2]";
    public static final String DEFAULT_CATALOG = "local";

    /** Iceberg's catalog property naming the catalog implementation ({@code hadoop}, {@code rest}, …). */
    public static final String CATALOG_TYPE = "type";
    public static final String HADOOP_CATALOG_TYPE = "hadoop";

    public RunPlan {
        formatVersion = formatVersion == null ? FORMAT_VERSION : formatVersion;
        master = isBlank(master) ? DEFAULT_MASTER : master;
        catalogProperties = catalogProperties == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(catalogProperties));
        boolean hadoop = HADOOP_CATALOG_TYPE.equals(catalogProperties.getOrDefault(CATALOG_TYPE, HADOOP_CATALOG_TYPE));
        warehouse = isBlank(warehouse) ? (hadoop ? defaultWarehouse().toString() : null) : warehouse;
        catalog = isBlank(catalog) ? DEFAULT_CATALOG : catalog;
        sparkConf = sparkConf == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sparkConf));
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /** A plan of the Hadoop catalog (no catalog properties). */
    public RunPlan(Integer formatVersion, String runId, String workflowId, Integer workflowVersion,
            String bundleDigest, String master, String warehouse, String catalog, Map<String, String> sparkConf,
            List<String> namespaces, String baseDir, String python, List<PlanTask> tasks) {
        this(formatVersion, runId, workflowId, workflowVersion, bundleDigest, master, warehouse, catalog, sparkConf,
                namespaces, baseDir, python, tasks, null);
    }

    /** Whether the catalog is Iceberg's Hadoop catalog (tables in the warehouse directory, the default). */
    public boolean hadoopCatalog() {
        return HADOOP_CATALOG_TYPE.equals(catalogProperties.getOrDefault(CATALOG_TYPE, HADOOP_CATALOG_TYPE));
    }

    /** {@code ~/.dataflow/warehouse}: local runs need no configuration, like the default registry. */
    public static Path defaultWarehouse() {
        return Path.of(System.getProperty("user.home"), ".dataflow", "warehouse");
    }

    /** The warehouse as Iceberg wants it: a plain path becomes an absolute {@code file:} URI; URIs stay as given. */
    public String warehouseUri() {
        if (warehouse == null) {
            return null;
        }
        if (warehouse.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")) {
            return warehouse;
        }
        URI uri = Path.of(warehouse).toAbsolutePath().normalize().toUri();
        return uri.toString();
    }

    /** Every task of the plan, WAP writes included, in plan order. */
    public List<PlanTask> allTasks() {
        return tasks.stream().<PlanTask>mapMulti((task, into) -> {
            into.accept(task);
            if (task instanceof PlanTask.Wap wap) {
                wap.writes().forEach(into);
            }
        }).toList();
    }

    /** The top-level task with this id. */
    public PlanTask task(String id) {
        return tasks.stream().filter(task -> task.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No task '" + id + "' in plan " + runId));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
