package io.dataflow.core.release;

import io.dataflow.core.Report;
import io.dataflow.core.bundle.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The versions of one workflow, newest first, with what each is made of and when it was active. Printed by
 * {@code dataflow:history} as {@link #toText()} lines or, with {@code -Ddataflow.format=json}, as {@link #toJson()}.
 * A long history is shown from the newest version back, one page at a time, so that its cost does not grow with
 * the number of versions.
 *
 * @param workflowId the registry id
 * @param activeVersion the active version, {@code null} when none was ever activated
 * @param versions the visible versions shown, newest first: all of them when {@code allVersions}
 * @param allVersions no older visible version exists than the last one shown
 * @param allActivations every activation of the workflow is listed under its version
 * @param damaged records that could not be read and were skipped (a version's manifest, an activation record)
 */
public record HistoryReport(String workflowId, Integer activeVersion, List<VersionEntry> versions,
        boolean allVersions, boolean allActivations, List<DamagedRecord> damaged) implements Report {

    /** Identifies the JSON shape; changes only when a field is removed or changes meaning. */
    public static final String JSON_SCHEMA = "dataflow.history/2";

    public HistoryReport {
        versions = List.copyOf(versions);
        damaged = damaged == null ? List.of() : List.copyOf(damaged);
    }

    /** A complete history without damaged records. */
    public HistoryReport(String workflowId, Integer activeVersion, List<VersionEntry> versions) {
        this(workflowId, activeVersion, versions, true, true, List.of());
    }

    /**
     * @param commit the full commit the version was built from
     * @param renderedSha256 sha256 of the rendered YAML
     * @param activations every activation of this version, newest first; empty when it was never active
     * @param picture where the version's DAG picture ({@code workflow.svg}) is, or {@code null} when it has none
     * @param collectedAt when {@code dataflow:gc} deleted the version's bundle, or {@code null} while it is kept
     */
    public record VersionEntry(int version, boolean active, Instant createdAt, String deployer, String branch,
            String commit, boolean dirty, String renderedSha256, List<AssetEntry> assets, List<FileEntry> files,
            List<ActivationEntry> activations, String picture, Instant collectedAt) {

        /** A version gc has not collected. */
        public VersionEntry(int version, boolean active, Instant createdAt, String deployer, String branch,
                String commit, boolean dirty, String renderedSha256, List<AssetEntry> assets, List<FileEntry> files,
                List<ActivationEntry> activations, String picture) {
            this(version, active, createdAt, deployer, branch, commit, dirty, renderedSha256, assets, files,
                    activations, picture, null);
        }
    }

    /** @param location where the asset build lives in the registry */
    public record AssetEntry(String uuid, String sha256, long size, String location) {}

    /** @param path relative to the repository root */
    public record FileEntry(String path, String sha256, long size) {}

    /** @param sequence the activation record's position in the registry's activation log */
    public record ActivationEntry(long sequence, ActivationKind kind, Instant time, String deployer) {}

    private record JsonShape(String schema, String workflowId, Integer activeVersion, List<VersionEntry> versions,
            boolean allVersions, boolean allActivations, List<DamagedRecord> damaged) {}

    @Override
    public String schema() {
        return JSON_SCHEMA;
    }

    @Override
    public List<String> toText() {
        List<String> lines = new ArrayList<>();
        lines.add("Workflow " + workflowId + ": " + (allVersions ? versions.size() + (versions.size() == 1 ? " version, "
                : " versions, ") : "the newest " + versions.size() + " versions (more with -Ddataflow.limit=<n>, all with 0), ")
                + (activeVersion == null ? "none active." : "version " + activeVersion + " active."));
        for (VersionEntry version : versions) {
            lines.add((version.active() ? "* " : "  ") + "version " + version.version() + "  " + Report.time(version.createdAt())
                    + "  by " + version.deployer() + "  from " + version.branch() + "@" + shortCommit(version.commit())
                    + (version.dirty() ? " (dirty)" : "") + (version.active() ? "  ACTIVE" : "")
                    + (version.collectedAt() == null ? "" : "  COLLECTED by gc on " + Report.time(version.collectedAt())
                            + " (bundle deleted; cannot be run or rolled back to)"));
            for (AssetEntry asset : version.assets()) {
                lines.add("      asset " + asset.uuid() + "  sha256 " + asset.sha256());
            }
            for (FileEntry file : version.files()) {
                lines.add("      file  " + file.path() + "  sha256 " + file.sha256());
            }
            if (version.picture() != null) {
                lines.add("      picture " + version.picture());
            }
            if (version.activations().isEmpty()) {
                lines.add(allActivations ? "      never activated" : "      not activated recently");
            }
            for (ActivationEntry activation : version.activations()) {
                lines.add("      " + activation.kind().id() + " (activation record #" + activation.sequence() + ")  " + Report.time(activation.time())
                        + "  by " + activation.deployer());
            }
        }
        for (DamagedRecord record : damaged) {
            lines.add("! skipped damaged " + record.describe());
        }
        lines.add("Summary: " + versions.size() + " found.");
        return lines;
    }

    @Override
    public String toJson() {
        return Json.pretty(new JsonShape(JSON_SCHEMA, workflowId, activeVersion, versions, allVersions, allActivations,
                damaged));
    }

    private static String shortCommit(String commit) {
        return commit == null ? "unknown" : commit.substring(0, Math.min(8, commit.length()));
    }
}
