package io.dataflow.core.release;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The activation log as read at one moment: which version of each workflow is active, and since which record.
 * Read from the newest record alone (plus at most one snapshot), whatever the length of the log.
 */
public final class ActivationState {

    static final ActivationState EMPTY = new ActivationState(0, 0, new TreeMap<>(), null, new TreeMap<>(), true, 0,
            List.of());

    private final long sequence;
    private final long through;
    private final SortedMap<String, ActiveVersion> active;
    private final Long base;
    private final SortedMap<String, ActiveVersion> changes;
    private final boolean needsFence;
    private final long markerEpoch;
    private final List<DamagedRecord> damaged;

    /**
     * @param sequence the newest record of the log; the next record takes {@code sequence + 1}
     * @param through the record whose state this is: {@code sequence}, or an older one when newer records are damaged
     * @param base the snapshot the next record may build on, with {@code changes}
     * @param changes the entries that differ from snapshot {@code base}; {@code null} when the next record must write
     *     a snapshot of this state first
     * @param needsFence the log has no record of the current layout yet: the next record also fences off older tools
     * @param markerEpoch the newest log folder known to have its marker
     */
    ActivationState(long sequence, long through, SortedMap<String, ActiveVersion> active, Long base,
            SortedMap<String, ActiveVersion> changes, boolean needsFence, long markerEpoch, List<DamagedRecord> damaged) {
        this.sequence = sequence;
        this.through = through;
        this.active = Collections.unmodifiableSortedMap(new TreeMap<>(active));
        this.base = base;
        this.changes = changes == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(changes));
        this.needsFence = needsFence;
        this.markerEpoch = markerEpoch;
        this.damaged = List.copyOf(damaged);
    }

    /** The sequence of the newest activation record; 0 for an empty log. */
    public long sequence() {
        return sequence;
    }

    /** The version named by the newest record mentioning the workflow; empty when it was never activated. */
    public Optional<Integer> active(String workflowId) {
        return entry(workflowId).map(ActiveVersion::version);
    }

    /** The workflow's active version and the record that activated it. */
    public Optional<ActiveVersion> entry(String workflowId) {
        return Optional.ofNullable(active.get(workflowId));
    }

    /** Every workflow that was ever activated, by id. */
    public SortedMap<String, ActiveVersion> workflows() {
        return active;
    }

    /**
     * Activation records that could not be read while this state was read; the state is that of the newest readable
     * record before them.
     */
    public List<DamagedRecord> damaged() {
        return damaged;
    }

    long through() {
        return through;
    }

    Long base() {
        return base;
    }

    SortedMap<String, ActiveVersion> changes() {
        return changes;
    }

    boolean needsFence() {
        return needsFence;
    }

    long markerEpoch() {
        return markerEpoch;
    }

    /** This state, known to be older than the damaged record {@code newSequence}, which is skipped. */
    ActivationState skipping(long newSequence, DamagedRecord record) {
        List<DamagedRecord> all = new ArrayList<>(damaged);
        all.add(record);
        return new ActivationState(newSequence, through, active, base, changes, needsFence, markerEpoch, all);
    }

    /**
     * One activation of one workflow version.
     *
     * @param sequence the activation record's position in the log
     * @param commit the full commit of the activation record
     */
    public record Event(long sequence, ActivationKind kind, Instant time, String deployer, String commit, int version) {}
}
