package io.dataflow.core.run;

import io.dataflow.contract.run.RunJson;
import io.dataflow.contract.run.RunPlan;
import io.dataflow.contract.run.RunResult;
import io.dataflow.contract.run.TaskStatus;
import io.dataflow.core.DataflowException;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.BundleReader;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.bundle.Manifest;
import io.dataflow.core.gc.GcRecords;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.release.ActivationState;
import io.dataflow.core.release.HistoryReport;
import io.dataflow.core.release.WorkflowIds;
import io.dataflow.core.release.WorkflowReleases;
import io.dataflow.core.workflow.ParsedWorkflow;
import io.dataflow.core.workflow.Problem;
import io.dataflow.core.workflow.WorkflowParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a deployed workflow version on this machine from its bundle alone ({@code dataflow:run}).
 *
 * <ol>
 *   <li>{@link #prepare}: download the version's bundle (and those of its subworkflows' active versions) into a new
 *       run directory, sha256-checked; expand the workflow into {@code plan.json} with every path pointing at those
 *       copies. Nothing is written to the registry, so bad input changes nothing there.</li>
 *   <li>{@link #execute}: fork {@code SparkRunnerMain} on the plan, stream its progress, read {@code result.json}
 *       and store the run record {@code runs/<workflow id>/<run id>.json} (create-if-absent) in the registry.</li>
 * </ol>
 */
public final class WorkflowRuns {

    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String BUNDLES_DIR = "bundles";
    private static final int VERSIONS_IN_MESSAGES = 20;

    private final ObjectStore store;
    private final DataflowLog log;
    private final WorkflowReleases releases;
    private final RunRecords records;

    public WorkflowRuns(ObjectStore store, DataflowLog log) {
        this.store = store;
        this.log = log;
        this.releases = new WorkflowReleases(store, log);
        this.records = new RunRecords(store);
    }

    /** Prepares and executes; see the class comment. */
    public RunRecord run(RunRequest request, SparkLaunch launch) {
        return execute(prepare(request), launch);
    }

    /** Every recorded run of a workflow id, newest first. */
    public RunsReport runs(String workflowId) {
        return records.list(workflowId);
    }

    /**
     * Downloads the bundles and writes the plan into a new run directory below {@code request.runsDirectory()}.
     *
     * @throws InvalidInputException unknown workflow or version, a parameter without value, a subworkflow that is
     *     not deployed or calls itself; the run directory is removed again
     */
    public PreparedRun prepare(RunRequest request) {
        WorkflowIds.Scoped scoped = WorkflowIds.parse(request.workflowId());
        // One read of the activation log serves the version choice and every subworkflow expansion of the plan.
        ActivationState activations = releases.activationState();
        int version = chooseVersion(request, activations);
        String runId = runId(request.workflowId(), version, request.now());
        Path directory = createRunDirectory(request.runsDirectory(), runId);
        try {
            Map<String, LoadedBundle> loaded = new LinkedHashMap<>();
            LoadedBundle root = load(request.workflowId(), version, directory, loaded);
            Map<String, String> builtins = new LinkedHashMap<>();
            builtins.put("RUN_ID", runId);
            builtins.put("RUN_DATE", request.now().atZone(ZoneOffset.UTC).toLocalDate().toString());
            RunPlanner planner = new RunPlanner(id -> subworkflow(id, scoped, activations, directory, loaded),
                    bundle -> new BundleLocations(bundle, store), request.params(), builtins, runId, log);
            RunPlanner.Planned planned = planner.plan(root);
            RunPlan plan = new RunPlan(RunPlan.FORMAT_VERSION, runId, request.workflowId(), version, root.digest(),
                    request.master(), request.warehouse(), RunPlan.DEFAULT_CATALOG, request.sparkConf(), planned.namespaces(),
                    BUNDLES_DIR, request.python(), planned.tasks(), request.catalog().properties());
            Path planFile = directory.resolve("plan.json");
            RunJson.writePlan(plan, planFile);
            List<RunRecord.BundleUse> bundles = loaded.values().stream().map(WorkflowRuns::bundleUse).toList();
            log.info("Planned run " + runId + " of " + root.describe() + " (bundle " + root.digest() + "): "
                    + plan.tasks().size() + " task(s)" + (bundles.size() > 1 ? ", with " + (bundles.size() - 1)
                    + " subworkflow version(s)" : "") + ". Run directory: " + directory);
            return new PreparedRun(request, runId, directory, planFile, plan, planned.parameters(), bundles);
        } catch (UncheckedIOException e) {
            deleteQuietly(directory);
            throw new EnvironmentException("Cannot write the run plan into " + directory + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(directory);
            throw e;
        }
    }

    /**
     * Forks the runner on a prepared plan and records the run in the registry, whatever its outcome.
     *
     * @return the stored run record when every task SUCCEEDED or WARNED
     * @throws InvalidInputException when a task failed (the message names it and its error); the record is stored
     * @throws EnvironmentException when the runner or Spark could not start; the record is stored
     */
    public RunRecord execute(PreparedRun run, SparkLaunch launch) {
        Instant started = Instant.now();
        RunnerProcess process = new RunnerProcess();
        int exit;
        RunResult result = null;
        String launchError = null;
        try {
            exit = process.run(launch, run.planFile(), run.resultFile(), run.logFile(), log);
            if (Files.isRegularFile(run.resultFile())) {
                result = RunJson.readResult(run.resultFile());
            }
        } catch (EnvironmentException e) {
            exit = -1;
            launchError = e.getMessage();
        } catch (UncheckedIOException e) {
            exit = -1;
            launchError = e.getMessage();
        }
        Instant ended = Instant.now();
        String error = result != null ? result.error()
                : launchError != null ? launchError
                : "the Spark runner ended with exit code " + exit + " without writing " + run.resultFile();
        RunRecord record = record(run, started, ended, result, error);
        records.store(record);
        writeLocalCopy(run, record);
        log.info("Run " + run.runId() + " " + record.status() + " in " + RunsReport.seconds(record.durationMs())
                + "; recorded as " + store.locationOf(RunRecords.key(record.workflowId(), record.runId())) + ".");
        if (record.status() == TaskStatus.FAILED) {
            process.stderrTail().forEach(line -> log.warn("  runner: " + line));
            throw failure(run, record, exit, result == null);
        }
        return record;
    }

    private DataflowException failure(PreparedRun run, RunRecord record, int exit, boolean noResult) {
        List<String> failed = record.tasks().stream().filter(task -> task.status() == TaskStatus.FAILED)
                .map(task -> "task '" + task.id() + "' failed: " + task.error()).toList();
        String where = " Plan, result and runner.log are in " + run.directory() + ".";
        if (noResult || exit == 3 || (failed.isEmpty() && record.error() != null && exit != 2)) {
            return new EnvironmentException("Run " + run.runId() + " of " + run.request().workflowId() + " could not"
                    + " run: " + record.error() + "." + where);
        }
        if (failed.isEmpty()) {
            return new InvalidInputException("Run " + run.runId() + " of " + run.request().workflowId() + " did not"
                    + " start: " + record.error() + " Fix the workflow (or the run parameters) and deploy again." + where);
        }
        long skipped = record.tasks().stream().filter(task -> task.status() == TaskStatus.SKIPPED).count();
        return new InvalidInputException("Run " + run.runId() + " of " + run.request().workflowId() + " version "
                + record.version() + " FAILED: " + String.join("; ", failed)
                + (skipped > 0 ? " (" + skipped + " dependent task(s) skipped)" : "") + "." + where);
    }

    private RunRecord record(PreparedRun run, Instant started, Instant ended, RunResult result, String error) {
        RunPlan plan = run.plan();
        TaskStatus status = result == null ? TaskStatus.FAILED : result.status();
        Instant start = result != null && result.startedAt() != null ? Instant.parse(result.startedAt()) : started;
        Instant end = result != null && result.endedAt() != null ? Instant.parse(result.endedAt()) : ended;
        return new RunRecord(RunRecord.SCHEMA, run.runId(), plan.workflowId(), plan.workflowVersion(),
                plan.bundleDigest(), start, end, Duration.between(start, end).toMillis(), status,
                result != null && result.complete(), run.request().runBy(), plan.master(), plan.warehouse(), run.request().catalog().uri(),
                result == null ? null : result.sparkVersion(), run.parameters(), run.bundles(),
                result == null ? List.of() : result.tasks(), error);
    }

    private void writeLocalCopy(PreparedRun run, RunRecord record) {
        try {
            Files.writeString(run.directory().resolve("run.json"), Json.pretty(record));
        } catch (IOException e) {
            log.warn("Cannot write " + run.directory().resolve("run.json") + ": " + e.getMessage());
        }
    }

    /** The requested version, else the active one; reads no more than the activation state and one manifest. */
    private int chooseVersion(RunRequest request, ActivationState activations) {
        if (request.version() != null) {
            if (request.version() < 1 || !store.exists(BundleLayout.manifestKey(request.workflowId(), request.version()))) {
                throw new InvalidInputException("Workflow " + request.workflowId() + " has no version "
                        + request.version() + " (dataflow.version); its versions are " + versions(request) + ".");
            }
            return request.version();
        }
        return activations.active(request.workflowId()).orElseThrow(() -> new InvalidInputException("Workflow "
                + request.workflowId() + " has no active version (its versions are " + versions(request)
                + ", none activated); name one with -Ddataflow.version=<n>."));
    }

    /** For error messages only: the history's versions, or why there are none. */
    private String versions(RunRequest request) {
        HistoryReport history = releases.history(request.workflowId(), VERSIONS_IN_MESSAGES);
        return history.versions().stream().map(entry -> String.valueOf(entry.version()))
                .collect(Collectors.joining(", ")) + (history.allVersions() ? "" : ", \u2026");
    }

    /**
     * A subworkflow step names a workflow by its YAML id. A branch deploy runs the same branch's deploy of it when
     * there is one, else mainline's: its active version.
     */
    private LoadedBundle subworkflow(String id, WorkflowIds.Scoped caller, ActivationState activations, Path directory,
            Map<String, LoadedBundle> loaded) {
        List<String> candidates = new ArrayList<>();
        if (!caller.mainline() && id.indexOf(WorkflowIds.BRANCH_SEPARATOR) < 0) {
            candidates.add(id + WorkflowIds.BRANCH_SEPARATOR + caller.branch());
        }
        candidates.add(id);
        for (String candidate : candidates) {
            WorkflowIds.parse(candidate);
            Optional<Integer> active = activations.active(candidate);
            if (active.isPresent()) {
                LoadedBundle cached = loaded.get(candidate + "/" + active.get());
                return cached != null ? cached : load(candidate, active.get(), directory, loaded);
            }
        }
        throw new InvalidInputException("Subworkflow '" + id + "' has no active version in " + store.root()
                + " (looked for " + String.join(", ", candidates) + "); deploy it first (mvn deploy in its module), or fix"
                + " the workflow id of the subworkflow step.");
    }

    private LoadedBundle load(String workflowId, int version, Path runDirectory, Map<String, LoadedBundle> loaded) {
        new GcRecords(store).tombstone(BundleLayout.manifestKey(workflowId, version)).ifPresent(tombstone -> {
            throw GcRecords.collectedVersion(workflowId, version, tombstone, "run");
        });
        Manifest manifest = releases.manifest(workflowId, version).orElseThrow(() -> new EnvironmentException(
                "Manifest of " + workflowId + " version " + version + " disappeared from " + store.root() + "."));
        String planPath = workflowId + "/" + version;
        Path directory = runDirectory.resolve(BUNDLES_DIR).resolve(workflowId).resolve(String.valueOf(version));
        new BundleReader(store).download(manifest, directory);
        String digest = Manifest.digestOf(readBytes(directory.resolve(BundleLayout.MANIFEST_FILE)));
        ParsedWorkflow parsed = WorkflowParser.parse(directory.resolve(BundleLayout.RENDERED_FILE));
        if (!parsed.valid() || parsed.workflow() == null) {
            throw new InvalidInputException("The rendered workflow of " + workflowId + " version " + version
                    + " cannot be planned: " + parsed.problems().stream().map(Problem::toString)
                    .collect(Collectors.joining("; ")) + ". Deploy a fixed version and run that.");
        }
        LoadedBundle bundle = new LoadedBundle(manifest, digest, directory, planPath, parsed.workflow());
        loaded.put(workflowId + "/" + version, bundle);
        log.debug("Downloaded " + bundle.describe() + " (" + digest + ") to " + directory);
        return bundle;
    }

    private static RunRecord.BundleUse bundleUse(LoadedBundle bundle) {
        Manifest manifest = bundle.manifest();
        return new RunRecord.BundleUse(manifest.workflowId(), manifest.version(), bundle.digest(),
                manifest.assets().stream().map(asset -> new RunRecord.AssetUse(asset.uuid(), asset.sha256())).toList(),
                manifest.files().stream().map(file -> new RunRecord.FileUse(file.path(), file.sha256())).toList());
    }

    /** {@code <workflow id>-v<n>-<UTC time>-<random>}, only characters the runner and WAP branch names accept. */
    static String runId(String workflowId, int version, Instant now) {
        String safeId = workflowId.replaceAll("[^A-Za-z0-9._-]", "-");
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        return safeId + "-v" + version + "-" + RUN_ID_TIME.format(now) + "-" + random;
    }

    private static Path createRunDirectory(Path runsDirectory, String runId) {
        Path directory = runsDirectory.resolve(runId);
        try {
            Files.createDirectories(runsDirectory);
            return Files.createDirectory(directory);
        } catch (FileAlreadyExistsException e) {
            throw new EnvironmentException("Run directory " + directory + " exists already; start the run again.", e);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot create the run directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a leftover local directory harms nobody and the original failure matters more.
        }
    }
}
