package io.dataflow.core.release;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One entry of the append-only activation log. Every (workflow, version) pair it names becomes active together, at
 * the moment the record is created.
 *
 * <p>Schema 2 records also carry the active version of every workflow, so that reading the newest record (and at
 * most one snapshot) tells everything that is active, however long the log is: the state after this record is
 * {@code activations/snapshots/<base>.json} (empty when {@code base} is null) overlaid with {@code changes}.
 * Schema 1 records (written before the log was checkpointed) have neither field.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param sequence the record's position in the log (also its key)
 * @param kind deploy or rollback
 * @param time the time of the deploy or rollback that wrote it
 * @param deployer who wrote it
 * @param commit the full commit deployed (deploy) or rolled back to (rollback, from the version's manifest)
 * @param releaseId random id of the release; also makes every record's bytes unique
 * @param workflows the versions made active
 * @param base sequence of the snapshot this record's state builds on; {@code null} for none
 * @param changes every workflow whose entry differs from the snapshot {@code base}, this record's own included
 */
public record ActivationRecord(
        int schemaVersion,
        long sequence,
        ActivationKind kind,
        Instant time,
        String deployer,
        String commit,
        String releaseId,
        List<Entry> workflows,
        Long base,
        SortedMap<String, ActiveVersion> changes) {

    public static final int SCHEMA_VERSION = 2;

    public ActivationRecord {
        workflows = workflows == null ? List.of() : List.copyOf(workflows);
        changes = changes == null ? null : new TreeMap<>(changes);
    }

    /** A record without state, as schema 1 wrote them. */
    public ActivationRecord(int schemaVersion, long sequence, ActivationKind kind, Instant time, String deployer,
            String commit, String releaseId, List<Entry> workflows) {
        this(schemaVersion, sequence, kind, time, deployer, commit, releaseId, workflows, null, null);
    }

    /** Whether the record carries the log's state (schema 2), rather than only its own entries (schema 1). */
    boolean carriesState() {
        return changes != null;
    }

    /** The version this record activates for {@code workflowId}, or null. */
    Integer versionOf(String workflowId) {
        return workflows.stream().filter(entry -> entry.workflowId().equals(workflowId)).map(Entry::version)
                .findFirst().orElse(null);
    }

    /** One workflow version made active. */
    public record Entry(String workflowId, int version) {}

    /**
     * The complete state through record {@code through}: {@code activations/snapshots/<through>.json}. Written with
     * create-if-absent by whichever writer needs it first; its content is a function of the log, so racing writers
     * write the same bytes.
     */
    record Snapshot(int schemaVersion, long through, SortedMap<String, ActiveVersion> active) {

        Snapshot {
            active = active == null ? new TreeMap<>() : new TreeMap<>(active);
        }

        static Snapshot of(long through, Map<String, ActiveVersion> active) {
            return new Snapshot(SCHEMA_VERSION, through, new TreeMap<>(active));
        }
    }
}
