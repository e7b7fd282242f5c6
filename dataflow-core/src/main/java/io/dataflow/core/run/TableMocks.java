package io.dataflow.core.run;

import io.dataflow.contract.mock.MockFile;
import io.dataflow.contract.mock.MockSample;
import io.dataflow.contract.run.RunJson;
import io.dataflow.contract.run.RunPlan;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code dataflow:mock}: samples a real table of the local Iceberg warehouse into a YAML mock of the samples' format
 * ({@link MockFile}). Spark runs in a forked JVM ({@code io.dataflow.runner.MockExportMain}), started exactly like a
 * {@code dataflow:run}'s and with the same session and catalog settings (a task-less run plan). The mock is written
 * to a scratch directory first and moved into place only when it is complete and reads back; an existing file is
 * replaced only on request.
 */
public final class TableMocks {

    /** The runner's entry point for mock exports. */
    public static final String MAIN_CLASS = "io.dataflow.runner.MockExportMain";
    /** Exit code of {@code MockExportMain} for a wrong table, row count or filter (the message is in a file). */
    static final int EXIT_INVALID_REQUEST = 2;

    private final DataflowLog log;

    public TableMocks(DataflowLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * @param master the Spark master, as for {@code dataflow:run}; {@code null}: {@value RunPlan#DEFAULT_MASTER}
     * @param warehouse the warehouse, as for {@code dataflow:run}; {@code null}: {@code ~/.dataflow/warehouse}
     * @param output the mock file to write
     * @param replace replace {@code output} if it exists
     * @param catalog the Iceberg catalog, as for {@code dataflow:run}; {@code null}: the Hadoop catalog
     */
    public record MockRequest(MockSample sample, String master, String warehouse, Path output, boolean replace,
            RunCatalog catalog) {
        public MockRequest {
            Objects.requireNonNull(sample, "sample");
            Objects.requireNonNull(output, "output");
            catalog = catalog == null ? RunCatalog.HADOOP : catalog;
            catalog.check(warehouse == null || warehouse.isBlank() ? null : warehouse);
        }
    }

    /** The parameters as a sample, or the message that names the wrong one. */
    public static MockSample sample(String table, int rows, String where) {
        try {
            return new MockSample(table, rows, where);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** Where the mock of {@code sample} goes unless {@code dataflow.output} says otherwise. */
    public static Path defaultOutput(Path projectDirectory, MockSample sample) {
        return projectDirectory.resolve("src/test/resources/mocks").resolve(sample.tableName() + ".yaml");
    }

    /** Refuses before any Spark JVM starts when the file exists and may not be replaced. */
    public static void checkOutput(MockRequest request) {
        Path output = request.output();
        if (Files.isDirectory(output)) {
            throw new InvalidInputException("dataflow.output names the directory " + output + "; give the mock file,"
                    + " e.g. -Ddataflow.output=" + output.resolve(request.sample().tableName() + ".yaml") + ".");
        }
        if (Files.exists(output) && !request.replace()) {
            throw new InvalidInputException("The mock " + output + " exists already; nothing was written. Pass"
                    + " -Ddataflow.force=true to replace it, or write elsewhere with -Ddataflow.output=<file>.");
        }
    }

    /**
     * Samples the table and writes the mock.
     *
     * @return the mock as written
     * @throws InvalidInputException the table does not exist, the filter is not valid, the file exists; nothing was
     *     written
     */
    public MockFile write(MockRequest request, SparkLaunch launch) {
        checkOutput(request);
        Path scratch;
        try {
            scratch = Files.createTempDirectory("dataflow-mock-");
        } catch (IOException e) {
            throw new EnvironmentException("Cannot create a scratch directory for dataflow:mock: " + e.getMessage(), e);
        }
        boolean keepScratch = false;
        try {
            Path session = scratch.resolve("session.json");
            RunJson.writePlan(new RunPlan(null, "mock-" + UUID.randomUUID(), "dataflow-mock", null, null,
                    request.master(), request.warehouse(), null, Map.of(), List.of(), null, null, List.of(),
                    request.catalog().properties()), session);
            Path mockFile = scratch.resolve("mock.yaml");
            Path problemFile = scratch.resolve("problem.txt");
            Path logFile = scratch.resolve("runner.log");
            MockSample sample = request.sample();
            List<String> arguments = new ArrayList<>(List.of(session.toString(), sample.table(),
                    String.valueOf(sample.rows()), mockFile.toString(), problemFile.toString()));
            if (sample.where() != null) {
                arguments.add(sample.where());
            }
            log.info("Sampling " + sample.rows() + " rows of " + sample.table() + (sample.where() == null ? ""
                    : " where " + sample.where()) + " in a Spark JVM\u2026");
            RunnerProcess process = new RunnerProcess();
            int exit = process.run(launch, MAIN_CLASS, arguments, scratch, logFile, log);
            if (exit == EXIT_INVALID_REQUEST && Files.isRegularFile(problemFile)) {
                throw new InvalidInputException(Files.readString(problemFile, StandardCharsets.UTF_8)
                        + " Nothing was written.");
            }
            if (exit != 0 || !Files.isRegularFile(mockFile)) {
                keepScratch = true;
                process.stderrTail().forEach(log::warn);
                throw new EnvironmentException("The Spark JVM of dataflow:mock failed (exit code " + exit + "); nothing"
                        + " was written. Its output is in " + logFile + ".");
            }
            MockFile mock = MockFile.load(mockFile); // what the tests will read, read once here
            Files.createDirectories(request.output().toAbsolutePath().getParent());
            if (request.replace()) {
                Files.move(mockFile, request.output(), StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(mockFile, request.output()); // fails if the file appeared meanwhile
            }
            log.info("Wrote " + mock.rows().size() + " rows of " + sample.table() + " to " + request.output()
                    + " (schema: " + mock.schema() + ").");
            return mock;
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException("The mock " + request.output() + " was created while sampling; nothing"
                    + " was written. Pass -Ddataflow.force=true to replace it.");
        } catch (IOException | UncheckedIOException e) {
            throw new EnvironmentException("dataflow:mock cannot write " + request.output() + ": " + e.getMessage(), e);
        } finally {
            if (!keepScratch) {
                deleteRecursively(scratch);
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a scratch directory left in the temp directory harms nothing
        }
    }
}
