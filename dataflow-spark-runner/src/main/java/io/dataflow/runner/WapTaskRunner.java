package io.dataflow.runner;

import io.dataflow.contract.run.AuditOutcome;
import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.run.WapBranch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Write-Audit-Publish on Iceberg branches.
 *
 * <ol>
 *   <li>Every table gets {@code write.wap.enabled=true} (without it Iceberg ignores the branch setting
 *       and writes straight to main) and must not yet have the run's audit branch. A table with data gets
 *       the branch at main's current snapshot: a branch that the first write creates implicitly starts its
 *       snapshot summary totals ({@code total-records}, {@code total-data-files}) at 0, and the published
 *       snapshot would then claim a table of only the rows this run added.</li>
 *   <li>With {@code spark.wap.branch=audit_<runId>} set, the writes run; they commit to that branch.</li>
 *   <li>Audits read {@code <catalog>.<db>.<table>.branch_audit_<runId>}, the staged data.</li>
 *   <li>A failed write or blocking audit drops the branches: main never saw the data. Otherwise main is
 *       fast-forwarded to the branch (the very snapshot the audits read) and the branch dropped.</li>
 *   <li>When another writer moved main meanwhile (a run of another date, at once), the branch's changes are
 *       committed onto main instead, with Iceberg's own conflict checks ({@link StagedChanges}): appends as
 *       appends, a replaced partition as a partition replacement that fails if anyone else wrote to that
 *       partition since the branch was made. Anything else is refused, main unchanged.</li>
 * </ol>
 */
final class WapTaskRunner {

    void run(PlanTask.Wap task, RunContext context, TaskOutcome outcome, BiConsumer<PlanTask, TaskOutcome> writes) {
        String branch = WapBranch.of(context.plan.runId());
        Map<String, String> tables = new LinkedHashMap<>();
        task.tables().forEach(table -> tables.put(context.qualify(table), table));
        for (String table : tables.keySet()) {
            prepare(table, branch, context);
        }
        // Main's snapshot per table when the branch was made (null: the table had no snapshot yet).
        Map<String, Long> branchedAt = new LinkedHashMap<>();
        try {
            for (String table : tables.keySet()) {
                branchedAt.put(table, createBranch(table, branch, context));
            }
        } catch (RuntimeException e) {
            dropBranches(tables.keySet(), branch, context);
            throw new TaskFailedException("Cannot create audit branch " + branch + ", nothing was written (main unchanged): "
                    + Errors.describe(e), e);
        }
        write(task, branch, tables.keySet(), context, outcome, writes);

        boolean published = false;
        try {
            audit(task, branch, tables.keySet(), context, outcome);
            for (String table : tables.keySet()) {
                publish(table, branch, branchedAt.get(table), context, outcome);
            }
            published = true;
        } finally {
            if (!published) {
                // Whatever went wrong, no staged data may stay behind on a branch.
                dropBranches(tables.keySet(), branch, context);
            }
        }
    }

    /** Runs every audit; a failed blocking audit is an exception, a failed non-blocking one a warning. */
    private static void audit(PlanTask.Wap task, String branch, Set<String> tables, RunContext context,
            TaskOutcome outcome) {
        List<AuditOutcome> failedBlocking = new ArrayList<>();
        for (PlanTask.Audit audit : task.audits()) {
            String named = Audits.table(audit, task.tables());
            String table = Audits.qualifiedTable(named, task.tables(), context.plan.catalog());
            String relation = tables.contains(table) && hasBranch(table, branch, context)
                    ? table + "." + SqlText.identifier("branch_" + branch) : table;
            AuditOutcome result = Audits.evaluate(audit, named, relation, context);
            outcome.audits.add(result);
            context.log.info("  audit " + result.function() + " on " + named + ": " + (result.passed() ? "passed" : "FAILED")
                    + (result.blocking() ? "" : " (non-blocking)") + " - " + result.message());
            if (!result.passed() && result.blocking()) {
                failedBlocking.add(result);
            } else if (!result.passed()) {
                outcome.warn("non-blocking audit " + result.function() + " on " + named + " failed: " + result.message());
            }
        }
        if (!failedBlocking.isEmpty()) {
            throw new TaskFailedException("Blocking audit(s) failed, nothing was published (audit branch " + branch
                    + " dropped, main unchanged): " + failedBlocking.stream()
                            .map(a -> a.function() + " on " + a.table() + ": " + a.message())
                            .collect(Collectors.joining("; ")));
        }
    }

    private static void prepare(String table, String branch, RunContext context) {
        if (!context.spark().catalog().tableExists(table)) {
            throw new TaskFailedException("WAP table " + table + " does not exist. Create it (CREATE TABLE IF NOT EXISTS …)"
                    + " in a task this WAP task depends on: WAP stages writes to existing Iceberg tables only.");
        }
        if (!"true".equals(TableProperties.get(context, table, "write.wap.enabled"))) {
            TableProperties.set(context, table, Map.of("write.wap.enabled", "true"));
        }
        if (hasBranch(table, branch, context)) {
            throw new TaskFailedException("Table " + table + " already has branch " + branch + ", left by an earlier run"
                    + " with the same run id. Drop it (ALTER TABLE " + table + " DROP BRANCH " + branch
                    + ") or run with a new run id.");
        }
    }

    /**
     * Creates the branch at main's current snapshot, so that the writes' snapshots count on from main's totals.
     * A table without any snapshot is left alone: its first write creates the branch, and totals starting at 0
     * are then true. Returns main's snapshot, or null.
     */
    private static Long createBranch(String table, String branch, RunContext context) {
        Long main = snapshotOf(table, "main", context);
        if (main != null) {
            context.sql("ALTER TABLE " + table + " CREATE BRANCH " + SqlText.identifier(branch) + " AS OF VERSION " + main);
        }
        return main;
    }

    private static void write(PlanTask.Wap task, String branch, Iterable<String> tables, RunContext context,
            TaskOutcome outcome, BiConsumer<PlanTask, TaskOutcome> writes) {
        context.spark().conf().set(WapBranch.SETTING, branch);
        PlanTask current = null;
        try {
            for (PlanTask write : task.writes()) {
                current = write;
                context.log.info("  job '" + write.id() + "' (" + write.kind() + ") writes to audit branch " + branch);
                writes.accept(write, outcome);
                // Again, in case a JAR job stopped the session and the runner had to start a new one.
                context.spark().conf().set(WapBranch.SETTING, branch);
            }
        } catch (Exception e) {
            context.spark().conf().unset(WapBranch.SETTING);
            dropBranches(tables, branch, context);
            throw new TaskFailedException("Write '" + current.id() + "' failed, nothing was published (audit branch "
                    + branch + " dropped, main unchanged): " + Errors.describe(e), e);
        } finally {
            context.spark().conf().unset(WapBranch.SETTING);
        }
    }

    private static void publish(String table, String branch, Long branchedAt, RunContext context, TaskOutcome outcome) {
        Long staged = snapshotOf(table, branch, context);
        if (staged == null || staged.equals(branchedAt)) {
            context.log.info("  " + table + ": no write reached it, nothing to publish");
            dropBranches(List.of(table), branch, context);
            return;
        }
        long snapshot = staged;
        if (!java.util.Objects.equals(snapshotOf(table, "main", context), branchedAt) || !fastForward(table, branch,
                branchedAt, context)) {
            context.log.info("  " + table + ": main moved since the audit branch was made (another writer), committing"
                    + " the audited changes onto main");
            snapshot = StagedChanges.commitOntoMain(table, branchedAt, staged, context);
        }
        dropBranches(List.of(table), branch, context);
        outcome.publishedSnapshots.put(table, snapshot);
        context.log.info("  published " + table + " snapshot " + snapshot);
    }

    /**
     * Fast-forwards main to the branch. Returns false when that failed because another writer moved main in the
     * meantime (between the check and the commit), so the caller commits the changes onto the new main instead.
     */
    private static boolean fastForward(String table, String branch, Long branchedAt, RunContext context) {
        try {
            context.sql("CALL " + context.plan.catalog() + ".system.fast_forward(table => "
                    + SqlText.literal(table) + ", branch => 'main', to => "
                    + SqlText.literal(branch) + ")");
            return true;
        } catch (Exception e) {
            if (!java.util.Objects.equals(snapshotOf(table, "main", context), branchedAt)) {
                return false;
            }
            throw new TaskFailedException("Cannot publish " + table + " (fast-forward of main to " + branch
                    + " failed, main unchanged): " + Errors.describe(e), e);
        }
    }

    private static void dropBranches(Iterable<String> tables, String branch, RunContext context) {
        for (String table : tables) {
            try {
                context.sql("ALTER TABLE " + table + " DROP BRANCH IF EXISTS " + SqlText.identifier(branch));
            } catch (Exception e) {
                context.log.warn("could not drop branch " + branch + " of " + table + ": " + Errors.describe(e));
            }
        }
    }

    static boolean hasBranch(String table, String branch, RunContext context) {
        return snapshotOf(table, branch, context) != null;
    }

    /** The snapshot a branch points at, null if there is no such branch. */
    static Long snapshotOf(String table, String ref, RunContext context) {
        List<org.apache.spark.sql.Row> rows = context.sql("SELECT snapshot_id FROM " + table + ".refs WHERE name = "
                + SqlText.literal(ref)).collectAsList();
        return rows.isEmpty() ? null : rows.get(0).getLong(0);
    }
}
