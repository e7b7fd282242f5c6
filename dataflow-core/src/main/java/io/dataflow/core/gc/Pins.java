package io.dataflow.core.gc;

import io.dataflow.core.DataflowException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.Report;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.release.WorkflowIds;
import io.dataflow.core.release.WorkflowReleases;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Pins ({@code dataflow:pin}): a pinned workflow version is kept by {@code dataflow:gc} whatever its age. A pin is
 * the record {@code gc/pins/<workflow id>/<n>.json}, created if absent; unpinning removes it. A pin only keeps bytes
 * longer and never changes what runs, so, like a rollback, it needs write access to the registry and no repository:
 * it can be set from any checkout or none.
 */
public final class Pins {

    private final ObjectStore store;
    private final GcRecords records;

    public Pins(ObjectStore store) {
        this.store = store;
        this.records = new GcRecords(store);
    }

    /**
     * Pins a visible version that gc has not collected.
     *
     * @return the line to print
     * @throws InvalidInputException unknown workflow or version, a version gc collected; nothing is written
     */
    public String pin(String workflowId, int version, String by, Instant now) {
        String manifestKey = requireVisible(workflowId, version);
        Optional<GcRecords.Tombstone> collected = records.tombstone(manifestKey);
        if (collected.isPresent()) {
            throw GcRecords.collectedVersion(workflowId, version, collected.get(), "pinned");
        }
        String key = GcRecords.pinKey(workflowId, version);
        GcRecords.Pin pin = new GcRecords.Pin(workflowId, version, now, by, UUID.randomUUID().toString());
        if (!store.createIfAbsent(key, Json.bytes(pin))) {
            GcRecords.Pin existing = store.read(key).map(bytes -> Json.read(bytes, GcRecords.Pin.class,
                    store.locationOf(key))).orElse(pin);
            return workflowId + " version " + version + " is already pinned (since " + Report.time(existing.pinnedAt())
                    + " by " + existing.by() + "); nothing changed.";
        }
        // The pin exists before we look at gc: a gc run now either sees it or is seen (GcRecords).
        try {
            records.requireVersionKept(workflowId, version, manifestKey, "pinned");
        } catch (DataflowException e) {
            store.delete(key);
            throw e;
        }
        return "PINNED " + workflowId + " version " + version + ": dataflow:gc keeps it (" + store.locationOf(key) + ").";
    }

    /** Removes a pin; succeeds and says so when the version is not pinned. */
    public String unpin(String workflowId, int version) {
        WorkflowIds.parse(workflowId);
        String key = GcRecords.pinKey(workflowId, version);
        if (!store.exists(key)) {
            return workflowId + " version " + version + " is not pinned; nothing changed.";
        }
        store.delete(key);
        return "UNPINNED " + workflowId + " version " + version + ": dataflow:gc keeps it only while another rule does.";
    }

    private String requireVisible(String workflowId, int version) {
        new WorkflowReleases(store, DataflowLog.SILENT).requireVisible(workflowId, version);
        return BundleLayout.manifestKey(workflowId, version);
    }
}
