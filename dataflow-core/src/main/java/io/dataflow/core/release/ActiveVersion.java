package io.dataflow.core.release;

import java.time.Instant;

/**
 * The active version of one workflow as of some point of the activation log, with what a deploy or rollback needs
 * to decide without reading older records.
 *
 * @param version the active version
 * @param since sequence of the activation record that made it active
 * @param previous sequence of the record that activated this workflow before {@code since}; 0 when none did
 * @param highest the highest version of this workflow any record ever activated
 * @param kind how record {@code since} came about
 * @param time time of record {@code since}
 * @param deployer who wrote record {@code since}
 * @param commit the commit of record {@code since}: the deployed commit, or the rolled-back-to version's commit
 */
public record ActiveVersion(int version, long since, long previous, int highest, ActivationKind kind, Instant time,
        String deployer, String commit) {

    /** This workflow's entry after record {@code sequence} activated {@code newVersion}. */
    ActiveVersion next(int newVersion, long sequence, ActivationKind newKind, Instant newTime, String newDeployer,
            String newCommit) {
        return new ActiveVersion(newVersion, sequence, since, Math.max(highest, newVersion), newKind, newTime,
                newDeployer, newCommit);
    }

    /** The entry of a workflow that record {@code sequence} activates for the first time. */
    static ActiveVersion first(int version, long sequence, ActivationKind kind, Instant time, String deployer,
            String commit) {
        return new ActiveVersion(version, sequence, 0, version, kind, time, deployer, commit);
    }

    /** {@code activation record #12 (a deploy by alice)}: how messages name the activation. */
    public String describe() {
        return "activation record #" + since + " (a " + kind.id() + " by " + deployer + ")";
    }
}
