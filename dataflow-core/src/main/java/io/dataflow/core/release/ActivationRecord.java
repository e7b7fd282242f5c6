package io.dataflow.core.release;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the append-only activation log, {@code activations/<sequence>.json}. Every (workflow, version)
 * pair it names becomes active together, at the moment the record is created.
 *
 * @param schemaVersion 1
 * @param sequence the record's position in the log (also its key)
 * @param kind deploy or rollback
 * @param time the time of the deploy or rollback that wrote it
 * @param deployer who wrote it
 * @param commit the full commit deployed (deploy) or rolled back to (rollback, from the version's manifest)
 * @param releaseId random id of the release; also makes every record's bytes unique
 * @param workflows the versions made active
 */
public record ActivationRecord(
        int schemaVersion,
        long sequence,
        ActivationKind kind,
        Instant time,
        String deployer,
        String commit,
        String releaseId,
        List<Entry> workflows) {

    public static final int SCHEMA_VERSION = 1;

    public ActivationRecord {
        workflows = workflows == null ? List.of() : List.copyOf(workflows);
    }

    /** One workflow version made active. */
    public record Entry(String workflowId, int version) {}
}
