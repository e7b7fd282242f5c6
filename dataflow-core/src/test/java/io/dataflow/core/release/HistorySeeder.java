package io.dataflow.core.release;

import io.dataflow.core.registry.ObjectStore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Grows an activation log quickly for tests and benchmarks: records written exactly as rollbacks write them, but
 * one after the other without reading the log before each (the seeder knows the state it just wrote).
 */
public final class HistorySeeder {

    private HistorySeeder() {}

    /**
     * Appends {@code count} rollback records of {@code workflowId}, alternating between {@code first} and
     * {@code second} (both must be visible versions), ending on {@code second} when {@code count} is even.
     *
     * @return the sequence of the last record
     */
    public static long alternatingRollbacks(ObjectStore store, String workflowId, int first, int second, int count,
            String commit, Instant time) {
        ActivationLog log = new ActivationLog(store);
        ActivationState state = log.state();
        for (int i = 0; i < count; i++) {
            int version = i % 2 == 0 ? first : second;
            state = log.append(state, ActivationKind.ROLLBACK, time, "seeder", commit, UUID.randomUUID().toString(),
                    List.of(new ActivationRecord.Entry(workflowId, version))).state();
        }
        return state.sequence();
    }
}
