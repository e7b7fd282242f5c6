package io.dataflow.contract.run;

/**
 * Result of one audit of a WAP task.
 *
 * @param function the audit function, for example {@code columns_should_not_have_nulls}
 * @param table    the table as named in the audit (the logical name)
 * @param relation what was actually read, for example {@code local.db.t.branch_audit_r1}
 * @param blocking whether a failure fails the WAP task (else it only warns)
 * @param passed   whether the data passed
 * @param message  what was found, for example {@code 2 rows with NULL in id}
 */
public record AuditOutcome(String function, String table, String relation, boolean blocking, boolean passed,
        String message) {}
