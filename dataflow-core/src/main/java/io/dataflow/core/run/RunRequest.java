package io.dataflow.core.run;

import io.dataflow.contract.run.RunPlan;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What to run.
 *
 * @param workflowId the registry id as {@code dataflow:deploy} printed it ({@code <id>} or {@code <id>@<branch>})
 * @param version the version to run; {@code null} runs the active one
 * @param params run parameters ({@code -Ddataflow.param.NAME=value}); they replace parameter defaults in every
 *     workflow of the run; for a list-valued parameter the value is split at ','
 * @param master Spark master; {@code null} = {@code local[2]}
 * @param warehouse warehouse of the Iceberg catalog; {@code null} = {@code ~/.dataflow/warehouse} for the Hadoop
 *     catalog, the catalog's own choice for a REST catalog
 * @param python interpreter for Python jobs; {@code null} = the runner's default ({@code $PYSPARK_PYTHON}, else python3)
 * @param runsDirectory where run directories (bundles, plan, result, log) are created; {@code null} = {@code ~/.dataflow/runs}
 * @param runBy who runs, recorded in the run record; {@code null} = {@code user.name}
 * @param now the start of the run
 * @param sparkConf Spark settings of the whole run (executor memory and cores, …), applied after the runner's own
 * @param catalog the Iceberg catalog; {@code null} = the Hadoop catalog in the warehouse
 * @throws io.dataflow.core.InvalidInputException a catalog that cannot use the warehouse safely
 */
public record RunRequest(String workflowId, Integer version, Map<String, String> params, String master,
        String warehouse, String python, Path runsDirectory, String runBy, Instant now, Map<String, String> sparkConf,
        RunCatalog catalog) {

    public static final String DEFAULT_MASTER = RunPlan.DEFAULT_MASTER;

    public RunRequest {
        params = params == null ? Map.of() : Map.copyOf(params);
        master = blank(master) ? DEFAULT_MASTER : master.strip();
        catalog = catalog == null ? RunCatalog.HADOOP : catalog;
        catalog.check(blank(warehouse) ? null : warehouse.strip());
        warehouse = blank(warehouse) ? (catalog.isHadoop() ? RunPlan.defaultWarehouse().toString() : null)
                : warehouse.strip();
        python = blank(python) ? null : python.strip();
        runsDirectory = runsDirectory == null ? defaultDataflowDirectory().resolve("runs") : runsDirectory;
        runBy = blank(runBy) ? System.getProperty("user.name", "unknown") : runBy.strip();
        now = now == null ? Instant.now() : now;
        sparkConf = sparkConf == null ? Map.of() : Map.copyOf(sparkConf);
    }

    public RunRequest(String workflowId, Integer version, Map<String, String> params, String master,
            String warehouse, String python, Path runsDirectory, String runBy, Instant now) {
        this(workflowId, version, params, master, warehouse, python, runsDirectory, runBy, now, Map.of(), null);
    }

    /** The active version of a workflow with default settings. */
    public static RunRequest of(String workflowId) {
        return new RunRequest(workflowId, null, Map.of(), null, null, null, null, null, null);
    }

    public RunRequest withVersion(Integer value) {
        return new RunRequest(workflowId, value, params, master, warehouse, python, runsDirectory, runBy, now, sparkConf, catalog);
    }

    public RunRequest withParams(Map<String, String> value) {
        return new RunRequest(workflowId, version, value, master, warehouse, python, runsDirectory, runBy, now, sparkConf, catalog);
    }

    public RunRequest withWarehouse(String value) {
        return new RunRequest(workflowId, version, params, master, value, python, runsDirectory, runBy, now, sparkConf, catalog);
    }

    public RunRequest withRunsDirectory(Path value) {
        return new RunRequest(workflowId, version, params, master, warehouse, python, value, runBy, now, sparkConf, catalog);
    }

    public RunRequest withSparkConf(Map<String, String> value) {
        return new RunRequest(workflowId, version, params, master, warehouse, python, runsDirectory, runBy, now, value, catalog);
    }

    public RunRequest withCatalog(RunCatalog value) {
        return new RunRequest(workflowId, version, params, master, warehouse, python, runsDirectory, runBy, now, sparkConf, value);
    }

    public RunRequest withNow(Instant value) {
        return new RunRequest(workflowId, version, params, master, warehouse, python, runsDirectory, runBy, value, sparkConf, catalog);
    }

    /** {@code ~/.dataflow}, beside the default registry. */
    public static Path defaultDataflowDirectory() {
        return Path.of(System.getProperty("user.home"), ".dataflow");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
