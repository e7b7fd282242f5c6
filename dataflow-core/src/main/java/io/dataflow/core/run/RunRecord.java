package io.dataflow.core.run;

import io.dataflow.contract.run.TaskResult;
import io.dataflow.contract.run.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Provenance of one local run, stored once in the registry as {@code runs/<workflow id>/<run id>.json}: what ran
 * (workflow version, bundle digest, every asset and file with its sha256), with which parameters, and how each task
 * ended.
 *
 * @param status {@code SUCCEEDED}, {@code WARNED} or {@code FAILED} (as the runner reported it)
 * @param complete {@code false} when the runner did not give every task a final status
 * @param bundles the root workflow version first, then every subworkflow version the run expanded
 * @param catalog the URI of the REST catalog the run used; {@code null}: the Hadoop catalog in {@code warehouse}
 * @param error why the run as a whole failed (the runner did not start, Spark did not start), else {@code null}
 */
public record RunRecord(String schema, String runId, String workflowId, int version, String bundleDigest,
        Instant startedAt, Instant endedAt, long durationMs, TaskStatus status, boolean complete, String runBy,
        String master, String warehouse, String catalog, String sparkVersion, Map<String, String> parameters, List<BundleUse> bundles,
        List<TaskResult> tasks, String error) {

    public static final String SCHEMA = "dataflow.run/1";

    public RunRecord {
        parameters = parameters == null ? Map.of() : parameters;
        bundles = bundles == null ? List.of() : List.copyOf(bundles);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /** One workflow version a run used, with the bytes it is made of. */
    public record BundleUse(String workflowId, int version, String digest, List<AssetUse> assets, List<FileUse> files) {}

    public record AssetUse(String uuid, String sha256) {}

    public record FileUse(String path, String sha256) {}

    /** How the task with this id ended, as the runner reported it. */
    public TaskResult task(String id) {
        return tasks.stream().filter(task -> task.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no task '" + id + "' in run " + runId));
    }
}
