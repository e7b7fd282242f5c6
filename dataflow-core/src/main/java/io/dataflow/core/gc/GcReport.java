package io.dataflow.core.gc;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.dataflow.core.Report;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.check.CheckOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code dataflow:gc} kept and why, and what it collected (or, in a dry run, would collect) with the bytes it
 * frees. Text for people, {@code dataflow.gc/1} JSON for scripts.
 *
 * @param applied whether anything was deleted
 * @param items every version, build and shared file gc looked at (except those collected before, counted in
 *     {@code collectedBefore})
 * @param changedWhileRunning record keys gc meant to collect but found in use when it looked again
 */
public record GcReport(String registry, GcOptions options, boolean applied, List<Item> items, int collectedBefore,
        List<String> changedWhileRunning) implements Report {

    public static final String JSON_SCHEMA = "dataflow.gc/1";

    public GcReport {
        items = List.copyOf(items);
        changedWhileRunning = List.copyOf(changedWhileRunning);
    }

    public enum Kind { VERSION, BUILD, FILE }

    /** KEEP: has a reason to stay; COLLECT: would go (dry run); COLLECTED: its bytes were deleted now. */
    public enum Action { KEEP, COLLECT, COLLECTED }

    /**
     * One version, build or shared file.
     *
     * @param name how people name it: {@code daily version 3}, the asset UUID, the shared file's key
     * @param record the key of its record (manifest, asset metadata; the key itself for a shared file)
     * @param deletes the keys collecting it deletes
     * @param bytes their size
     * @param reasons why it is kept; empty when it is collected
     * @param finishing it was collected before, but a gc that died left some of its bytes
     */
    public record Item(Kind kind, String name, String workflowId, Integer version, String record, String sha256,
            List<String> deletes, long bytes, List<String> reasons, Action action, boolean finishing) {

        public Item {
            deletes = List.copyOf(deletes);
            reasons = List.copyOf(reasons);
        }

        static Item version(String workflowId, int version, String manifestKey, List<String> deletes, long bytes,
                List<String> reasons, boolean finishing) {
            return new Item(Kind.VERSION, workflowId + " version " + version, workflowId, version, manifestKey, null,
                    deletes, bytes, reasons, reasons.isEmpty() ? Action.COLLECT : Action.KEEP, finishing);
        }

        static Item build(String uuid, String metadataKey, String sha256, List<String> deletes, long bytes,
                List<String> reasons, boolean finishing) {
            return new Item(Kind.BUILD, uuid, null, null, metadataKey, sha256, deletes, bytes, reasons,
                    reasons.isEmpty() ? Action.COLLECT : Action.KEEP, finishing);
        }

        static Item file(String key, long bytes, List<String> reasons) {
            return new Item(Kind.FILE, key, null, null, key, null, List.of(key), bytes, reasons,
                    reasons.isEmpty() ? Action.COLLECT : Action.KEEP, false);
        }

        Item withAction(Action value) {
            return new Item(kind, name, workflowId, version, record, sha256, deletes, bytes, reasons, value, finishing);
        }

        Item withReasons(List<String> value) {
            return new Item(kind, name, workflowId, version, record, sha256, deletes, bytes, value, action, finishing);
        }

        @JsonIgnore
        public boolean gone() {
            return action != Action.KEEP;
        }
    }

    GcReport withChangedWhileRunning(List<String> keys) {
        return new GcReport(registry, options, applied, items, collectedBefore, keys);
    }

    /** Items of one kind and action. */
    public List<Item> items(Kind kind, Action action) {
        return items.stream().filter(item -> item.kind() == kind && item.action() == action).toList();
    }

    /** Bytes collected, or reclaimable in a dry run. */
    public long bytes() {
        return items.stream().filter(Item::gone).mapToLong(Item::bytes).sum();
    }

    @Override
    public String schema() {
        return JSON_SCHEMA;
    }

    @Override
    public List<String> toText() {
        List<String> lines = new ArrayList<>();
        lines.add("Garbage collection of " + registry + (options.apply() ? "" : " (dry run: nothing is deleted; "
                + "-Ddataflow.gc.apply deletes)") + ": keeps active and pinned versions, the newest " + options.keep()
                + " of every workflow, versions run in the last " + options.runDays() + " days, what they use, the "
                + "newest build of every line, and everything younger than " + CheckOptions.describe(options.grace())
                + ".");
        for (Kind kind : Kind.values()) {
            for (Item item : items) {
                if (item.kind() != kind) {
                    continue;
                }
                String what = (kind == Kind.BUILD ? "build " : kind == Kind.FILE ? "file " : "") + item.name();
                lines.add(switch (item.action()) {
                    case KEEP -> "KEEP      " + what + ": " + String.join(", ", item.reasons());
                    case COLLECT -> "COLLECT   " + what + ": " + item.bytes() + " bytes";
                    case COLLECTED -> "COLLECTED " + what + ": " + item.bytes() + " bytes deleted";
                });
            }
        }
        Action gone = applied ? Action.COLLECTED : Action.COLLECT;
        lines.add("Summary: " + items(Kind.VERSION, gone).size() + " version(s), " + items(Kind.BUILD, gone).size()
                + " build(s) and " + items(Kind.FILE, gone).size() + " file(s) " + (applied ? "collected, " + bytes()
                + " bytes reclaimed" : "to collect, " + bytes() + " bytes reclaimable") + "; kept "
                + items(Kind.VERSION, Action.KEEP).size() + " version(s), " + items(Kind.BUILD, Action.KEEP).size()
                + " build(s), " + items(Kind.FILE, Action.KEEP).size() + " file(s)"
                + (collectedBefore > 0 ? "; " + collectedBefore + " collected before" : "") + ".");
        if (!changedWhileRunning.isEmpty()) {
            lines.add(changedWhileRunning.size() + " item(s) came into use while gc ran and were kept.");
        }
        return lines;
    }

    private record JsonShape(String schema, String registry, boolean applied, int keep, String grace, int runDays,
            String now, long bytes, int collectedBefore, List<JsonItem> versions, List<JsonItem> builds,
            List<JsonItem> files) {}

    private record JsonItem(String name, String workflowId, Integer version, String action, List<String> reasons,
            long bytes, List<String> deletes) {}

    @Override
    public String toJson() {
        return Json.pretty(new JsonShape(JSON_SCHEMA, registry, applied, options.keep(),
                CheckOptions.describe(options.grace()), options.runDays(), options.now().toString(), bytes(),
                collectedBefore, json(Kind.VERSION), json(Kind.BUILD), json(Kind.FILE)));
    }

    private List<JsonItem> json(Kind kind) {
        return items.stream().filter(item -> item.kind() == kind)
                .map(item -> new JsonItem(item.name(), item.workflowId(), item.version(),
                        item.action().name().toLowerCase(java.util.Locale.ROOT), item.reasons(), item.bytes(),
                        item.deletes()))
                .toList();
    }
}
