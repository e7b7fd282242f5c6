package io.dataflow.core.run;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.release.WorkflowIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The run records of the registry: {@code runs/<workflow id>/<run id>.json}, each created once and never changed.
 */
public final class RunRecords {

    public static final String PREFIX = "runs/";

    private final ObjectStore store;

    public RunRecords(ObjectStore store) {
        this.store = store;
    }

    public static String key(String workflowId, String runId) {
        return PREFIX + workflowId + "/" + runId + ".json";
    }

    /** Stores a record; run ids are unique, so finding the key taken means the registry was edited by hand. */
    void store(RunRecord record) {
        String key = key(record.workflowId(), record.runId());
        if (!store.createIfAbsent(key, Json.bytes(record))) {
            throw new EnvironmentException("Run record " + store.locationOf(key) + " already exists; run ids are"
                    + " unique, so it was written outside Dataflow. The run's result is in its run directory.");
        }
    }

    /** Every run of one workflow id (branch-scoped ids are separate), newest first. */
    public RunsReport list(String workflowId) {
        WorkflowIds.parse(workflowId);
        List<RunRecord> records = new ArrayList<>();
        for (String key : store.list(PREFIX + workflowId + "/")) {
            if (key.endsWith(".json") && key.indexOf('/', PREFIX.length() + workflowId.length() + 1) < 0) {
                store.read(key).ifPresent(bytes -> records.add(Json.read(bytes, RunRecord.class, store.locationOf(key))));
            }
        }
        records.sort(Comparator.comparing(RunRecord::startedAt).thenComparing(RunRecord::runId).reversed());
        return new RunsReport(workflowId, records);
    }
}
