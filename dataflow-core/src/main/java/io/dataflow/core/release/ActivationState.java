package io.dataflow.core.release;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The activation log as read at one moment: which version of each workflow is active, and since when. */
public final class ActivationState {

    private final List<ActivationRecord> newestFirst;

    ActivationState(List<ActivationRecord> records) {
        List<ActivationRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingLong(ActivationRecord::sequence).reversed());
        this.newestFirst = List.copyOf(sorted);
    }

    /** The version named by the newest record mentioning the workflow; empty when it was never activated. */
    public Optional<Integer> active(String workflowId) {
        return events(workflowId).stream().findFirst().map(Event::version);
    }

    /** Every activation of the workflow, newest first. */
    public List<Event> events(String workflowId) {
        List<Event> events = new ArrayList<>();
        for (ActivationRecord record : newestFirst) {
            for (ActivationRecord.Entry entry : record.workflows()) {
                if (entry.workflowId().equals(workflowId)) {
                    events.add(new Event(record.sequence(), record.kind(), record.time(), record.deployer(),
                            record.commit(), entry.version()));
                }
            }
        }
        return events;
    }

    /** Every record, newest first. */
    public List<ActivationRecord> records() {
        return newestFirst;
    }

    /**
     * One activation of one workflow version.
     *
     * @param sequence the activation record's position in the log
     * @param commit the full commit of the activation record
     */
    public record Event(long sequence, ActivationKind kind, Instant time, String deployer, String commit, int version) {}
}
