package io.dataflow.runner;

import io.dataflow.contract.run.InvalidPlanException;
import io.dataflow.contract.run.PlanSecrets;
import io.dataflow.contract.run.RunJson;
import io.dataflow.contract.run.RunPlan;
import io.dataflow.contract.run.RunResult;
import io.dataflow.contract.run.TaskStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point of the forked local Spark JVM behind {@code dataflow:run}:
 * {@code java <jvm.options of the JAR's jvm-options.properties> -cp <runner jar + Spark/Iceberg classpath> io.dataflow.runner.SparkRunnerMain
 * <plan.json> <result.json>}.
 *
 * <p>Exit codes: {@value #EXIT_SUCCEEDED} every task succeeded or warned; {@value #EXIT_TASK_FAILED} a
 * task failed (and its dependants were skipped); {@value #EXIT_INVALID_PLAN} wrong arguments or an invalid
 * plan (nothing ran); {@value #EXIT_SPARK_FAILED} Spark could not start. Except for wrong arguments, the
 * result JSON is always written and is the authoritative record.
 */
public final class SparkRunnerMain {

    public static final int EXIT_SUCCEEDED = 0;
    public static final int EXIT_TASK_FAILED = 1;
    public static final int EXIT_INVALID_PLAN = 2;
    public static final int EXIT_SPARK_FAILED = 3;

    private SparkRunnerMain() {}

    public static void main(String[] args) {
        // Exits explicitly: Spark may leave non-daemon threads behind that would keep the JVM alive.
        System.exit(run(args, System.out, System.getenv()));
    }

    /** Runs a plan file and writes the result file; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        return run(args, out, System.getenv());
    }

    /** @param environment where the run's secrets come from ({@link PlanSecrets}) */
    static int run(String[] args, PrintStream out, Map<String, String> environment) {
        if (args.length != 2) {
            out.println("Usage: java <jvm options> -cp <runner jar>:<spark classpath> " + SparkRunnerMain.class.getName()
                    + " <plan.json> <result.json>");
            return EXIT_INVALID_PLAN;
        }
        Path planFile = Path.of(args[0]).toAbsolutePath();
        Path resultFile = Path.of(args[1]).toAbsolutePath();
        PlanSecrets secrets;
        try {
            secrets = PlanSecrets.fromEnvironment(environment);
        } catch (InvalidPlanException e) {
            return invalidPlan(e, out, resultFile, PlanSecrets.none());
        }
        if (secrets.isEmpty()) {
            return run(planFile, resultFile, out, secrets);
        }
        // From here on nothing printed (by the runner, Spark or a job) shows a secret's value.
        PrintStream standardOut = System.out;
        PrintStream standardErr = System.err;
        PrintStream scrubbedOut = secrets.scrubbing(standardOut);
        PrintStream scrubbedErr = secrets.scrubbing(standardErr);
        PrintStream scrubbedProgress = out == standardOut ? scrubbedOut : secrets.scrubbing(out);
        System.setOut(scrubbedOut);
        System.setErr(scrubbedErr);
        try {
            return run(planFile, resultFile, scrubbedProgress, secrets);
        } finally {
            // Closing passes on an unfinished last line; the streams underneath stay open.
            scrubbedProgress.close();
            scrubbedOut.close();
            scrubbedErr.close();
            System.setOut(standardOut);
            System.setErr(standardErr);
        }
    }

    private static int run(Path planFile, Path resultFile, PrintStream out, PlanSecrets secrets) {
        RunPlan plan;
        Path baseDir;
        try {
            plan = RunJson.readPlan(planFile, secrets);
            baseDir = plan.baseDir() == null ? planFile.getParent() : planFile.getParent().resolve(plan.baseDir());
            PlanValidator.validate(plan, baseDir);
        } catch (InvalidPlanException e) {
            return invalidPlan(e, out, resultFile, secrets);
        }
        PlanExecutor executor = new PlanExecutor(plan, baseDir, () -> RunnerSession.start(plan, baseDir),
                settings -> RunnerSession.start(plan, baseDir, settings), out);
        AtomicBoolean finished = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (finished.compareAndSet(false, true)) {
                RunJson.writeResult(executor.interruptedResult("the JVM shut down during this task"
                        + " (a job called System.exit, or the process got a signal)"), resultFile, secrets);
            }
        }, "dataflow-run-result-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        RunResult result;
        try {
            result = executor.execute();
        } finally {
            SparkSession.getDefaultSession().foreach(session -> {
                session.stop();
                return null;
            });
        }
        if (finished.compareAndSet(false, true)) {
            RunJson.writeResult(result, resultFile, secrets);
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        out.println("[dataflow-run] Result written to " + resultFile);
        if (result.sparkVersion() == null) {
            return EXIT_SPARK_FAILED;
        }
        return result.status() == TaskStatus.FAILED ? EXIT_TASK_FAILED : EXIT_SUCCEEDED;
    }

    private static int invalidPlan(InvalidPlanException e, PrintStream out, Path resultFile, PlanSecrets secrets) {
        out.println("[dataflow-run] " + secrets.scrub(e.getMessage()));
        RunJson.writeResult(invalidPlanResult(e), resultFile, secrets);
        return EXIT_INVALID_PLAN;
    }

    private static RunResult invalidPlanResult(InvalidPlanException e) {
        String now = java.time.Instant.now().toString();
        return new RunResult(RunPlan.FORMAT_VERSION, null, null, null, TaskStatus.FAILED, false, now, now, 0, null,
                e.getMessage(), null);
    }
}
