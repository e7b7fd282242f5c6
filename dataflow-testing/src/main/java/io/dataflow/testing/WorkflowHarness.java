package io.dataflow.testing;

import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.run.RunPlan;
import io.dataflow.contract.run.RunResult;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.registry.LocalObjectStore;
import io.dataflow.core.run.PreparedRun;
import io.dataflow.core.run.RunRequest;
import io.dataflow.core.run.WorkflowRuns;
import io.dataflow.core.run.WorkingTreeRelease;
import io.dataflow.core.workflow.PendingAsset;
import io.dataflow.runner.PlanExecutor;
import io.dataflow.runner.RunnerSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;

/**
 * Runs a project's own workflows ({@code main.sch.yaml}, …) in this JVM, through the real planner of
 * {@code dataflow:run} and the real Spark runner: the same rendering, parameters, {@code foreach} and subworkflow
 * expansion, Write-Audit-Publish with the workflow's own audits, metadata and high-water marks. A test therefore
 * fails when the workflow and the code it runs disagree.
 *
 * <pre>{@code
 * harness = WorkflowHarness.of(Path.of("")).warehouse(warehouse);
 * WorkflowRun run = harness.workflow("main.sch.yaml")
 *         .param("DATE", "2024-01-02")
 *         .mock("mocks/playback_sessions.yaml")   // read under its table: name, with the run's parameters
 *         .without("sample_data")                 // the job whose data the mock stands in for
 *         .run();
 * }</pre>
 *
 * <p>Every workflow of the directory is rendered and released into a registry of the harness's own (a temporary
 * directory), exactly as {@code mvn deploy} would release it; a {@code ${dataflow.jar.<namespace>}} reference needs
 * the JAR the test names with {@link #jar(String, Class)}. All runs of a harness share one Spark session (the
 * runner's: an Iceberg catalog {@code local} on the {@link #warehouse(Path) warehouse}); {@link #close()} stops it.
 * JAR jobs run the classes of the test class path. Python jobs need pyspark, as with {@code dataflow:run}.
 */
public final class WorkflowHarness implements AutoCloseable {

    private final Path project;
    private final Path workDirectory;
    private final List<PendingAsset> assets = new ArrayList<>();
    private Path warehouse;
    private WorkingTreeRelease released;

    private WorkflowHarness(Path project) {
        this.project = project.toAbsolutePath().normalize();
        try {
            this.workDirectory = Files.createTempDirectory("dataflow-harness-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the harness", e);
        }
        this.warehouse = workDirectory.resolve("warehouse");
    }

    /** A harness for the workflows under {@code projectDirectory} (a test's working directory: {@code Path.of("")}). */
    public static WorkflowHarness of(Path projectDirectory) {
        if (!Files.isDirectory(projectDirectory)) {
            throw new IllegalArgumentException(projectDirectory.toAbsolutePath() + " is not a directory.");
        }
        return new WorkflowHarness(projectDirectory);
    }

    /** The warehouse directory of the runs' Iceberg catalog; default: a temporary one. Set it before the first run. */
    public WorkflowHarness warehouse(Path directory) {
        this.warehouse = directory.toAbsolutePath();
        return this;
    }

    /**
     * What {@code ${dataflow.jar.<namespace>}} means in the workflows: the JAR, or classes directory, that holds
     * {@code anyClassOfIt} (for a project's own job, a class of {@code target/classes}).
     */
    public WorkflowHarness jar(String namespace, Class<?> anyClassOfIt) {
        Path location;
        try {
            location = Path.of(anyClassOfIt.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot tell where " + anyClassOfIt.getName() + " was loaded from;"
                    + " give the JAR file with jar(namespace, path).", e);
        }
        return jar(namespace, location);
    }

    /** What {@code ${dataflow.jar.<namespace>}} means in the workflows: a JAR file or a classes directory. */
    public WorkflowHarness jar(String namespace, Path jarOrClasses) {
        requireNotReleased();
        Path jar = Files.isDirectory(jarOrClasses) ? jarOf(jarOrClasses, namespace) : jarOrClasses;
        assets.add(new PendingAsset(AssetType.JAR, namespace, jar));
        return this;
    }

    /** A run of the workflow in {@code file} (relative to the project directory); call {@link Run#run()} to start it. */
    public Run workflow(String file) {
        return new Run(project.resolve(file));
    }

    /** The session the runs use (started by the first run). */
    public SparkSession spark() {
        return SparkSession.getActiveSession().getOrElse(() -> {
            throw new IllegalStateException("No Spark session yet: run a workflow first.");
        });
    }

    /** Stops Spark and removes the harness's registry, runs and (default) warehouse. */
    @Override
    public void close() {
        SparkSession.getDefaultSession().foreach(session -> {
            session.stop();
            return null;
        });
        deleteQuietly(workDirectory);
    }

    /** One run of a workflow: parameters, mocks and left-out jobs, then {@link #run()}. */
    public final class Run {

        private final Path file;
        private final Map<String, String> params = new LinkedHashMap<>();
        private final List<MockTable> mocks = new ArrayList<>();
        private final Set<String> without = new LinkedHashSet<>();

        private Run(Path file) {
            this.file = file;
        }

        /** A run parameter, as {@code -Ddataflow.param.NAME=value} gives it to {@code dataflow:run}. */
        public Run param(String name, String value) {
            params.put(name, value);
            return this;
        }

        /** A table the run reads, registered under its {@code table:} name (parameters filled in) before any job runs. */
        public Run mock(String resource) {
            return mock(MockTable.fromResource(resource));
        }

        public Run mock(MockTable mock) {
            mocks.add(mock);
            return this;
        }

        /**
         * Leaves out top-level jobs of the workflow, typically those writing sample data a mock stands in for. Jobs
         * that depend on a left-out job depend on what it depended on.
         */
        public Run without(String... jobIds) {
            without.addAll(List.of(jobIds));
            return this;
        }

        /**
         * Plans the run as {@code dataflow:run} does and runs the plan in this JVM.
         *
         * @return how every task ended; a failed task is a result, not an exception
         */
        public WorkflowRun run() {
            WorkingTreeRelease release = release();
            RunRequest request = RunRequest.of(release.workflowId(file)).withParams(params)
                    .withWarehouse(warehouse.toString()).withRunsDirectory(workDirectory.resolve("runs"));
            PreparedRun prepared = new WorkflowRuns(release.store(), CONSOLE).prepare(request);
            RunPlan plan = leaveOut(prepared.plan(), without);
            Path baseDir = prepared.planFile().getParent().resolve(plan.baseDir());
            Supplier<SparkSession> sessions = () -> RunnerSession.start(plan, baseDir);
            SparkSession spark = sessions.get();
            Map<String, String> parameters = new HashMap<>(prepared.parameters());
            mocks.forEach(mock -> mock.register(spark, parameters));
            RunResult result = PlanExecutor.run(plan, baseDir, sessions, System.out);
            return new WorkflowRun(plan, result, prepared.parameters(), sessions.get());
        }
    }

    private synchronized WorkingTreeRelease release() {
        if (released == null) {
            released = WorkingTreeRelease.release(project, assets,
                    new LocalObjectStore(workDirectory.resolve("registry")), CONSOLE);
        }
        return released;
    }

    private synchronized void requireNotReleased() {
        if (released != null) {
            throw new IllegalStateException("Give the harness its JARs before the first run.");
        }
    }

    /** The plan without the given top-level tasks; their dependants inherit their dependencies. */
    static RunPlan leaveOut(RunPlan plan, Set<String> ids) {
        Set<String> unknown = new LinkedHashSet<>(ids);
        plan.tasks().forEach(task -> unknown.remove(task.id()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("No job " + unknown + " in workflow " + plan.workflowId()
                    + " to leave out; its jobs are " + plan.tasks().stream().map(PlanTask::id).toList() + ".");
        }
        Map<String, List<String>> inherited = new HashMap<>();
        List<PlanTask> kept = new ArrayList<>();
        for (PlanTask task : plan.tasks()) {
            Set<String> dependsOn = new LinkedHashSet<>();
            task.dependsOn().forEach(id -> dependsOn.addAll(inherited.getOrDefault(id, List.of(id))));
            if (ids.contains(task.id())) {
                inherited.put(task.id(), List.copyOf(dependsOn));
            } else {
                kept.add(task.withDependsOn(List.copyOf(dependsOn)));
            }
        }
        return new RunPlan(plan.formatVersion(), plan.runId(), plan.workflowId(), plan.workflowVersion(),
                plan.bundleDigest(), plan.master(), plan.warehouse(), plan.catalog(), plan.sparkConf(), plan.namespaces(),
                plan.baseDir(), plan.python(), kept, plan.catalogProperties());
    }

    /** The classes directory as a JAR file, the form a JAR asset has. */
    private Path jarOf(Path classes, String namespace) {
        Path jar = workDirectory.resolve("jars").resolve(namespace + ".jar");
        try (Stream<Path> files = Files.walk(classes)) {
            Files.createDirectories(jar.getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot pack " + classes + " into " + jar, e);
        }
        return jar;
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A leftover temporary directory harms nobody.
        }
    }

    /** The engine's lines on standard output, like the runner's own {@code [dataflow-run]} lines. */
    private static final DataflowLog CONSOLE = new DataflowLog() {
        @Override
        public void info(String message) {
            System.out.println("[dataflow] " + message);
        }

        @Override
        public void warn(String message) {
            System.out.println("[dataflow] WARNING " + message);
        }

        @Override
        public void debug(String message) {
            // Only the lines a user of dataflow:run sees.
        }
    };
}
