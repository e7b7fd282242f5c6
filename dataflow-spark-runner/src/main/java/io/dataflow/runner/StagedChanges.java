package io.dataflow.runner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.ReplacePartitions;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotChanges;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.iceberg.util.StructLikeSet;

/**
 * The changes an audit branch holds over the snapshot it was made at, committed onto a main that another writer
 * moved meanwhile. Iceberg's fast-forward needs main unchanged, and its cherry-pick takes appends and dynamic
 * overwrites only, while {@code INSERT OVERWRITE … PARTITION (…)} commits an overwrite by filter. What the branch
 * did is therefore read from its snapshots and committed again on main, with Iceberg's validation from the branch
 * point:
 * <ul>
 *   <li>only appends: one append of every file they added (appends never conflict);</li>
 *   <li>whole partitions replaced (every file of those partitions at the branch point removed, new files added in
 *       them only): a partition replacement that fails if another writer added or deleted data in those partitions
 *       since the branch point;</li>
 *   <li>anything else (row-level deletes, part of a partition removed): refused, main unchanged, run again.</li>
 * </ul>
 */
final class StagedChanges {

    private StagedChanges() {}

    /** Commits the branch's changes onto main; returns the snapshot that commit made. */
    static long commitOntoMain(String tableName, Long branchedAt, long staged, RunContext context) {
        Table table;
        try {
            table = Spark3Util.loadIcebergTable(context.spark(), tableName);
        } catch (Exception e) {
            throw new TaskFailedException("Cannot publish " + tableName + ": cannot load it: " + Errors.describe(e), e);
        }
        table.refresh();
        List<Snapshot> snapshots = snapshotsSince(table, branchedAt, staged);
        Map<String, DataFile> added = new LinkedHashMap<>();
        Map<String, DataFile> removed = new LinkedHashMap<>();
        boolean appendsOnly = true;
        for (Snapshot snapshot : snapshots) {
            SnapshotChanges changes = SnapshotChanges.builderFor(table).snapshot(snapshot).build();
            if (changes.addedDeleteFiles().iterator().hasNext() || changes.removedDeleteFiles().iterator().hasNext()) {
                throw refused(tableName, "its audit branch holds row-level deletes");
            }
            appendsOnly &= DataOperations.APPEND.equals(snapshot.operation());
            for (DataFile file : changes.removedDataFiles()) {
                // A file the branch itself added and then removed was never on main.
                if (added.remove(file.location()) == null) {
                    removed.put(file.location(), file);
                }
            }
            for (DataFile file : changes.addedDataFiles()) {
                added.put(file.location(), file);
            }
        }
        Snapshot last = snapshots.get(snapshots.size() - 1);
        SnapshotUpdate<?> update;
        if (appendsOnly) {
            var append = table.newAppend();
            added.values().forEach(append::appendFile);
            update = append;
        } else if (!added.isEmpty() && replacesWholePartitions(table, branchedAt, added.values(), removed)) {
            ReplacePartitions replace = table.newReplacePartitions()
                    .validateNoConflictingData()
                    .validateNoConflictingDeletes();
            if (branchedAt != null) {
                replace.validateFromSnapshot(branchedAt);
            }
            added.values().forEach(replace::addFile);
            update = replace;
        } else {
            throw refused(tableName, "its audit branch changed part of a partition (not only appends or whole"
                    + " partitions replaced)");
        }
        // The same provenance as the snapshot the audits read: run, bundle, workflow, task.
        last.summary().forEach((key, value) -> {
            if (key.startsWith("dataflow.")) {
                update.set(key, value);
            }
        });
        try {
            update.commit();
        } catch (RuntimeException e) {
            throw new TaskFailedException("Cannot publish " + tableName + ": another writer changed the same data since"
                    + " the audit branch was made, main unchanged; run again: " + Errors.describe(e), e);
        }
        // Main may have moved again since (another writer): the commit is the newest of main's snapshots from this run.
        table.refresh();
        String runId = last.summary().get("dataflow.run-id");
        for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
            if (runId == null || runId.equals(snapshot.summary().get("dataflow.run-id"))) {
                return snapshot.snapshotId();
            }
        }
        throw new TaskFailedException("Published " + tableName + ", but its main no longer holds the commit.");
    }

    /** The branch's own snapshots, oldest first: from {@code staged} back to (without) {@code branchedAt}. */
    private static List<Snapshot> snapshotsSince(Table table, Long branchedAt, long staged) {
        List<Snapshot> snapshots = new ArrayList<>();
        Snapshot snapshot = table.snapshot(staged);
        while (snapshot != null && !Objects.equals(snapshot.snapshotId(), branchedAt)) {
            snapshots.add(snapshot);
            snapshot = snapshot.parentId() == null ? null : table.snapshot(snapshot.parentId());
        }
        Collections.reverse(snapshots);
        return snapshots;
    }

    /**
     * Whether the branch removed exactly the files its added files' partitions held at the branch point: then
     * replacing those partitions on main does what the branch did.
     */
    private static boolean replacesWholePartitions(Table table, Long branchedAt, Iterable<DataFile> added,
            Map<String, DataFile> removed) {
        Map<Integer, StructLikeSet> partitions = new HashMap<>();
        for (DataFile file : added) {
            PartitionSpec spec = table.specs().get(file.specId());
            partitions.computeIfAbsent(file.specId(), id -> StructLikeSet.create(spec.partitionType()))
                    .add(file.partition());
        }
        Map<String, DataFile> inPartitions = new HashMap<>();
        if (branchedAt != null) {
            try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(branchedAt).planFiles()) {
                for (FileScanTask task : tasks) {
                    DataFile file = task.file();
                    StructLikeSet set = partitions.get(file.specId());
                    if (set != null && set.contains(file.partition())) {
                        inPartitions.put(file.location(), file);
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return inPartitions.keySet().equals(removed.keySet());
    }

    private static TaskFailedException refused(String table, String why) {
        return new TaskFailedException("Cannot publish " + table + ": another writer moved main since the audit branch"
                + " was made, and " + why + ", which cannot be committed onto the new main safely. Main unchanged;"
                + " run again.");
    }
}
