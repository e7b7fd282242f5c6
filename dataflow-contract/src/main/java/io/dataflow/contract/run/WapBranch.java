package io.dataflow.contract.run;

/**
 * The audit branch a run's {@link PlanTask.Wap} tasks stage their writes on, and the Spark setting that sends
 * writes there. The planner names it in a Python write's conf (PySpark starts its own driver), the runner creates
 * and publishes it: both take the name from here.
 */
public final class WapBranch {

    /** Iceberg's Spark setting: writes to a table with {@code write.wap.enabled=true} commit to this branch. */
    public static final String SETTING = "spark.wap.branch";

    private WapBranch() {}

    /** {@code audit_} and the run id, reduced to identifier characters. */
    public static String of(String runId) {
        return "audit_" + runId.replaceAll("[^A-Za-z0-9_]", "_");
    }
}
