package io.dataflow.runner;

import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.run.RunPlan;
import io.dataflow.contract.run.RunResult;
import io.dataflow.contract.run.TaskResult;
import io.dataflow.contract.run.TaskStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the tasks of a plan in plan order in one Spark session. A failed task makes every task that
 * depends on it, directly or not, SKIPPED; tasks that do not depend on it still run.
 */
public final class PlanExecutor {

    private final RunPlan plan;
    private final RunContext context;
    private final Map<String, TaskStatus> statusById = new HashMap<>();
    private final List<TaskResult> results = new ArrayList<>();
    private final SqlTaskRunner sqlRunner = new SqlTaskRunner();
    private final JarTaskRunner jarRunner = new JarTaskRunner();
    private final PythonTaskRunner pythonRunner = new PythonTaskRunner();
    private final MetadataTaskRunner metadataRunner = new MetadataTaskRunner();
    private final HwmTaskRunner hwmRunner = new HwmTaskRunner();
    private final WapTaskRunner wapRunner = new WapTaskRunner();
    private Instant startedAt;
    private String sparkVersion;
    private volatile PlanTask running;
    private volatile Instant runningSince;

    /**
     * @param plan     a plan that passed validation
     * @param baseDir  directory relative task paths are resolved against
     * @param sessions gives the run's Spark session (called again if a job stopped it)
     * @param out      where progress lines go
     */
    public PlanExecutor(RunPlan plan, Path baseDir, Supplier<SparkSession> sessions, PrintStream out) {
        this(plan, baseDir, sessions, null, out);
    }

    /**
     * @param sessionsWith starts a session with the run's settings plus the given ones, for jobs whose
     *     {@code conf} holds settings a running session cannot change; null: such settings are ignored with a warning
     */
    public PlanExecutor(RunPlan plan, Path baseDir, Supplier<SparkSession> sessions,
            java.util.function.Function<Map<String, String>, SparkSession> sessionsWith, PrintStream out) {
        this.plan = plan;
        this.context = new RunContext(plan, baseDir, new RunLog(out), sessions, sessionsWith);
    }

    /** Validates the plan (nothing runs if it is invalid), then runs it. */
    public static RunResult run(RunPlan plan, Path baseDir, Supplier<SparkSession> sessions, PrintStream out) {
        PlanValidator.validate(plan, baseDir);
        return new PlanExecutor(plan, baseDir, sessions, out).execute();
    }

    /** The catalog in one phrase: the warehouse of the Hadoop catalog, or the catalog's type and URI. */
    static String catalogDescription(RunPlan plan) {
        if (plan.hadoopCatalog()) {
            return "warehouse " + plan.warehouseUri();
        }
        Map<String, String> properties = plan.catalogProperties();
        return properties.get(RunPlan.CATALOG_TYPE) + " catalog"
                + (properties.containsKey("uri") ? " " + properties.get("uri") : "")
                + (plan.warehouseUri() == null ? "" : ", warehouse " + plan.warehouseUri());
    }

    /** Runs every task; never throws for a task failure, which is reported in the result instead. */
    public RunResult execute() {
        startedAt = Instant.now();
        RunLog log = context.log;
        log.info("Run " + plan.runId() + ": " + plan.tasks().size() + " task(s), Spark master " + plan.master()
                + ", " + catalogDescription(plan));
        try {
            sparkVersion = context.spark().version();
            createNamespaces();
        } catch (Exception e) {
            String error = "Spark could not start: " + Errors.describe(e);
            log.warn(error);
            e.printStackTrace();
            plan.tasks().forEach(task -> record(TaskResult.skipped(task, "not run: " + error)));
            return result(error, true);
        }
        for (PlanTask task : plan.tasks()) {
            String failedDependency = task.dependsOn().stream()
                    .filter(dependency -> !statusById.get(dependency).letsDependantsRun())
                    .findFirst().orElse(null);
            if (failedDependency != null) {
                String reason = "skipped because '" + failedDependency + "' " + statusById.get(failedDependency)
                        .name().toLowerCase(java.util.Locale.ROOT);
                log.info("Task " + task.id() + " SKIPPED (" + reason + ")");
                record(TaskResult.skipped(task, reason));
            } else {
                record(runTask(task));
            }
        }
        RunResult result = result(null, true);
        log.info("Run " + plan.runId() + " " + result.status() + " in " + result.durationMs() + " ms");
        return result;
    }

    /**
     * The result as far as it got, for a JVM that is going down mid-run (a job calling
     * {@code System.exit} where that cannot be stopped, or a signal): the running task is FAILED with
     * {@code reason}, the rest SKIPPED, and {@code complete} is false.
     */
    public synchronized RunResult interruptedResult(String reason) {
        List<TaskResult> all = new ArrayList<>(results);
        for (PlanTask task : plan.tasks().subList(results.size(), plan.tasks().size())) {
            Instant since = runningSince;
            if (task == running && since != null) {
                Instant now = Instant.now();
                all.add(new TaskResult(task.id(), task.kind(), TaskStatus.FAILED, since.toString(), now.toString(),
                        Duration.between(since, now).toMillis(), reason, null, null, null));
            } else {
                all.add(TaskResult.skipped(task, "not run: the runner's JVM went down first (" + reason + ")"));
            }
        }
        return build(all, reason, false);
    }

    private TaskResult runTask(PlanTask task) {
        RunLog log = context.log;
        log.info("Task " + task.id() + " (" + task.kind() + ") started");
        Instant start = Instant.now();
        runningSince = start;
        running = task;
        TaskOutcome outcome = new TaskOutcome();
        String error = null;
        try {
            context.startTask(task.id());
            dispatch(task, outcome);
        } catch (Exception | LinkageError e) {
            error = Errors.describe(e);
            if (!(e instanceof TaskFailedException)) {
                e.printStackTrace();
            }
        } finally {
            running = null;
        }
        Instant end = Instant.now();
        TaskStatus status = error != null ? TaskStatus.FAILED
                : outcome.warnings.isEmpty() ? TaskStatus.SUCCEEDED : TaskStatus.WARNED;
        long millis = Duration.between(start, end).toMillis();
        outcome.warnings.forEach(warning -> log.warn("Task " + task.id() + ": " + warning));
        log.info("Task " + task.id() + " " + status + " in " + millis + " ms" + (error == null ? "" : ": " + error));
        return new TaskResult(task.id(), task.kind(), status, start.toString(), end.toString(), millis, error,
                outcome.warnings, outcome.audits, outcome.publishedSnapshots);
    }

    /** Runs one task (also a write inside a WAP task); failure is an exception. */
    private void dispatch(PlanTask task, TaskOutcome outcome) {
        if (task instanceof PlanTask.Sql sql) {
            context.withTaskConf(sql.conf(), outcome, () -> sqlRunner.run(sql, context));
        } else if (task instanceof PlanTask.Jar jar) {
            context.withTaskConf(jar.conf(), outcome, () -> jarRunner.run(jar, context, outcome));
        } else if (task instanceof PlanTask.Python python) {
            pythonRunner.run(python, context);
        } else if (task instanceof PlanTask.Metadata metadata) {
            metadataRunner.run(metadata, context);
        } else if (task instanceof PlanTask.Hwm hwm) {
            hwmRunner.run(hwm, context);
        } else if (task instanceof PlanTask.Wap wap) {
            wapRunner.run(wap, context, outcome, this::dispatch);
        } else if (!(task instanceof PlanTask.Noop)) {
            throw new TaskFailedException("Task kind " + task.kind() + " is not supported by this runner.");
        }
    }

    private void createNamespaces() {
        for (String namespace : plan.namespaces()) {
            context.sql("CREATE NAMESPACE IF NOT EXISTS " + plan.catalog() + "." + namespace);
        }
    }

    private synchronized void record(TaskResult result) {
        results.add(result);
        statusById.put(result.id(), result.status());
    }

    private synchronized RunResult result(String error, boolean complete) {
        return build(results, error, complete);
    }

    private RunResult build(List<TaskResult> tasks, String error, boolean complete) {
        Instant end = Instant.now();
        TaskStatus status = error != null ? TaskStatus.FAILED : TaskStatus.ofRun(tasks);
        return new RunResult(RunPlan.FORMAT_VERSION, plan.runId(), plan.workflowId(), plan.bundleDigest(), status,
                complete, startedAt.toString(), end.toString(), Duration.between(startedAt, end).toMillis(),
                sparkVersion, error, tasks);
    }
}
