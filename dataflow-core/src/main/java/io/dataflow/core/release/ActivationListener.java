package io.dataflow.core.release;

import java.util.List;

/**
 * Told which workflow versions are about to become active, after their bundles are stored and before the
 * activation record that makes them active is written. A scheduler integration (Maestro) uses it to push and
 * activate the same versions first: when it throws, no activation record is written, so the registry's active
 * versions stay as they were.
 *
 * <p>It may be called more than once for one release or rollback when a concurrent activation forced the
 * decision to be made again; implementations must tolerate being told the same versions twice.
 */
@FunctionalInterface
public interface ActivationListener {

    /** Does nothing: the registry alone decides what is active. */
    ActivationListener NONE = (kind, versions) -> {};

    /**
     * @param kind why the versions are activated
     * @param versions every (registry workflow id, version) pair the coming activation record names
     */
    void beforeActivation(ActivationKind kind, List<ActivationRecord.Entry> versions);
}
