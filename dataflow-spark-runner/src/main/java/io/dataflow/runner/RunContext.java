package io.dataflow.runner;

import io.dataflow.contract.run.RunPlan;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/** What task runners share during one run: the plan, paths, the log and the Spark session. */
final class RunContext {
    final RunPlan plan;
    final Path baseDir;
    final RunLog log;
    private final Supplier<SparkSession> sessions;
    /** Starts a session with the run's settings plus the given ones; null where the session is not the runner's. */
    private final java.util.function.Function<Map<String, String>, SparkSession> sessionsWith;
    private SparkSession spark;
    private String currentTaskId;

    RunContext(RunPlan plan, Path baseDir, RunLog log, Supplier<SparkSession> sessions) {
        this(plan, baseDir, log, sessions, null);
    }

    RunContext(RunPlan plan, Path baseDir, RunLog log, Supplier<SparkSession> sessions,
            java.util.function.Function<Map<String, String>, SparkSession> sessionsWith) {
        this.plan = plan;
        this.baseDir = baseDir;
        this.log = log;
        this.sessions = sessions;
        this.sessionsWith = sessionsWith;
    }

    SparkSession spark() {
        if (spark == null) {
            spark = sessions.get();
            applyProvenance();
        }
        return spark;
    }

    /** Marks the start of a task: its commits carry its id in their snapshot summaries. */
    void startTask(String taskId) {
        currentTaskId = taskId;
        applyProvenance();
    }

    /**
     * Iceberg copies session properties under this prefix into the summary of every snapshot it commits,
     * so each snapshot written by the run tells which run, bundle and task made it.
     */
    private void applyProvenance() {
        if (spark == null) {
            return;
        }
        setSnapshotProperty("dataflow.run-id", plan.runId());
        setSnapshotProperty("dataflow.bundle-digest", plan.bundleDigest());
        setSnapshotProperty("dataflow.workflow-id", plan.workflowId());
        setSnapshotProperty("dataflow.workflow-version",
                plan.workflowVersion() == null ? null : plan.workflowVersion().toString());
        setSnapshotProperty("dataflow.task-id", currentTaskId);
    }

    private void setSnapshotProperty(String key, String value) {
        if (value == null) {
            spark.conf().unset(RunnerSession.SNAPSHOT_PROPERTY_PREFIX + key);
        } else {
            spark.conf().set(RunnerSession.SNAPSHOT_PROPERTY_PREFIX + key, value);
        }
    }

    /**
     * Starts a new session when a job stopped the shared one (many jobs end with {@code spark.stop()}),
     * so later tasks still have Spark. Returns whether that happened.
     */
    boolean restartIfStopped() {
        if (spark == null || !spark.sparkContext().isStopped()) {
            return false;
        }
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        spark = sessions.get();
        applyProvenance();
        return true;
    }

    /**
     * Runs {@code work} with a task's own Spark settings, then puts the previous values back. Settings a running
     * session cannot change (executor memory and cores, …) get the task a session of its own, started with them and
     * stopped after it; later tasks get the run's session again. Where this context cannot start sessions (the test
     * harness's shared session) they are skipped with a warning.
     */
    void withTaskConf(Map<String, String> conf, TaskOutcome outcome, Runnable work) {
        Map<String, String> fixed = new LinkedHashMap<>();
        conf.forEach((key, value) -> {
            // A setting the session already has needs no new one.
            if (!spark().conf().isModifiable(key) && !value.equals(spark().sparkContext().getConf().get(key, null))) {
                fixed.put(key, value);
            }
        });
        if (!fixed.isEmpty() && sessionsWith != null) {
            inSessionOfItsOwn(fixed, conf, outcome, work);
            return;
        }
        Map<String, Option<String>> previous = new LinkedHashMap<>();
        conf.forEach((key, value) -> {
            if (spark().conf().isModifiable(key)) {
                previous.put(key, spark().conf().getOption(key));
                spark().conf().set(key, value);
            } else if (fixed.containsKey(key)) {
                outcome.warn("Spark setting " + key + " cannot change in a running session; ignored in this local run");
            }
        });
        try {
            work.run();
        } finally {
            previous.forEach((key, value) -> {
                if (value.isDefined()) {
                    spark().conf().set(key, value.get());
                } else {
                    spark().conf().unset(key);
                }
            });
        }
    }

    private void inSessionOfItsOwn(Map<String, String> fixed, Map<String, String> conf, TaskOutcome outcome,
            Runnable work) {
        // A write inside WAP must stay on the audit branch in the new session too.
        Option<String> wapBranch = spark().conf().getOption(io.dataflow.contract.run.WapBranch.SETTING);
        log.info("  Spark settings " + fixed + " need a session of their own: this job gets one");
        stopSession();
        spark = sessionsWith.apply(fixed);
        applyProvenance();
        if (wapBranch.isDefined()) {
            spark.conf().set(io.dataflow.contract.run.WapBranch.SETTING, wapBranch.get());
        }
        try {
            Map<String, String> runtime = new LinkedHashMap<>(conf);
            runtime.keySet().removeAll(fixed.keySet());
            withTaskConf(runtime, outcome, work);
        } finally {
            // The next task starts the run's own session again, with the run's settings.
            stopSession();
        }
    }

    private void stopSession() {
        if (spark != null) {
            spark.stop();
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
            spark = null;
        }
    }

    Dataset<Row> sql(String statement) {
        return spark().sql(statement);
    }

    Path resolve(String path) {
        return baseDir.resolve(path).toAbsolutePath().normalize();
    }

    String qualify(String table) {
        return SqlText.qualify(table, plan.catalog());
    }
}
