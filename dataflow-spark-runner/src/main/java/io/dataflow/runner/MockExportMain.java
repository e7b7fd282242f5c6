package io.dataflow.runner;

import io.dataflow.contract.mock.MockFile;
import io.dataflow.contract.mock.MockSample;
import io.dataflow.contract.run.InvalidPlanException;
import io.dataflow.contract.run.PlanSecrets;
import io.dataflow.contract.run.RunJson;
import io.dataflow.contract.run.RunPlan;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point of the forked Spark JVM behind {@code dataflow:mock}: {@code java <jvm options> -cp <runner jar + Spark
 * classpath> io.dataflow.runner.MockExportMain <session.json> <table> <rows> <mock.yaml> <problem.txt> [where]}.
 * {@code session.json} is a task-less run plan: the session and catalog come from it exactly as a run's do
 * ({@link RunnerSession}).
 *
 * <p>Exit codes: {@value #EXIT_WRITTEN} the mock was written; {@value #EXIT_INVALID_REQUEST} the table, the row count
 * or the filter is wrong (the message is in {@code problem.txt}, nothing else is written); {@value #EXIT_FAILED}
 * anything else (Spark's own output says what).
 */
public final class MockExportMain {

    public static final int EXIT_WRITTEN = 0;
    public static final int EXIT_INVALID_REQUEST = 2;
    public static final int EXIT_FAILED = 3;

    private MockExportMain() {}

    public static void main(String[] args) {
        // Exits explicitly: Spark may leave non-daemon threads behind that would keep the JVM alive.
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        if (args.length != 5 && args.length != 6) {
            out.println("Usage: java <jvm options> -cp <runner jar>:<spark classpath> " + MockExportMain.class.getName()
                    + " <session.json> <table> <rows> <mock.yaml> <problem.txt> [where]");
            return EXIT_INVALID_REQUEST;
        }
        Path problemFile = Path.of(args[4]);
        RunPlan session;
        MockSample sample;
        try {
            session = RunJson.readPlan(Path.of(args[0]), PlanSecrets.none());
            sample = new MockSample(args[1], Integer.parseInt(args[2]), args.length == 6 ? args[5] : null);
        } catch (InvalidPlanException | IllegalArgumentException e) { // NumberFormatException included
            return invalid(e.getMessage(), problemFile, out);
        }
        // A task-less plan: nothing to ship, its paths (none) are relative to the session file.
        SparkSession spark = RunnerSession.start(session, Path.of(args[0]).toAbsolutePath().getParent());
        try {
            MockFile mock = MockExport.export(spark, session.catalog(), sample);
            String comment = MockExport.describe(spark, session.catalog(), sample, mock);
            Files.writeString(Path.of(args[3]), mock.toYaml(comment), StandardCharsets.UTF_8);
            out.println("[dataflow-mock] " + mock.rows().size() + " rows of " + mock.source() + " written.");
            return EXIT_WRITTEN;
        } catch (MockExport.InvalidRequestException e) {
            return invalid(e.getMessage(), problemFile, out);
        } catch (IOException e) {
            out.println("[dataflow-mock] Cannot write " + args[3] + ": " + e.getMessage());
            return EXIT_FAILED;
        } finally {
            spark.stop();
        }
    }

    private static int invalid(String message, Path problemFile, PrintStream out) {
        try {
            Files.writeString(problemFile, message, StandardCharsets.UTF_8);
        } catch (IOException e) {
            out.println("[dataflow-mock] " + message);
        }
        return EXIT_INVALID_REQUEST;
    }
}
