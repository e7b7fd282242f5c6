package io.dataflow.core.release;

import io.dataflow.core.Report;
import io.dataflow.core.bundle.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The versions of one workflow, newest first, with what each is made of and when it was active. Printed by
 * {@code dataflow:history} as {@link #toText()} lines or, with {@code -Ddataflow.format=json}, as {@link #toJson()}.
 *
 * @param workflowId the registry id
 * @param activeVersion the active version, {@code null} when none was ever activated
 * @param versions every visible version, newest first
 */
public record HistoryReport(String workflowId, Integer activeVersion, List<VersionEntry> versions) implements Report {

    /** Identifies the JSON shape; changes only when a field is removed or changes meaning. */
    public static final String JSON_SCHEMA = "dataflow.history/1";

    public HistoryReport {
        versions = List.copyOf(versions);
    }

    /**
     * @param commit the full commit the version was built from
     * @param renderedSha256 sha256 of the rendered YAML
     * @param activations every activation of this version, newest first; empty when it was never active
     */
    public record VersionEntry(int version, boolean active, Instant createdAt, String deployer, String branch,
            String commit, boolean dirty, String renderedSha256, List<AssetEntry> assets, List<FileEntry> files,
            List<ActivationEntry> activations) {}

    /** @param location where the asset build lives in the registry */
    public record AssetEntry(String uuid, String sha256, long size, String location) {}

    /** @param path relative to the repository root */
    public record FileEntry(String path, String sha256, long size) {}

    /** @param sequence the activation record's position in the registry's activation log */
    public record ActivationEntry(long sequence, ActivationKind kind, Instant time, String deployer) {}

    private record JsonShape(String schema, String workflowId, Integer activeVersion, List<VersionEntry> versions) {}

    @Override
    public String schema() {
        return JSON_SCHEMA;
    }

    @Override
    public List<String> toText() {
        List<String> lines = new ArrayList<>();
        lines.add("Workflow " + workflowId + ": " + versions.size() + (versions.size() == 1 ? " version, " : " versions, ")
                + (activeVersion == null ? "none active." : "version " + activeVersion + " active."));
        for (VersionEntry version : versions) {
            lines.add((version.active() ? "* " : "  ") + "version " + version.version() + "  " + version.createdAt()
                    + "  by " + version.deployer() + "  from " + version.branch() + "@" + shortCommit(version.commit())
                    + (version.dirty() ? " (dirty)" : "") + (version.active() ? "  ACTIVE" : ""));
            for (AssetEntry asset : version.assets()) {
                lines.add("      asset " + asset.uuid() + "  sha256 " + asset.sha256());
            }
            for (FileEntry file : version.files()) {
                lines.add("      file  " + file.path() + "  sha256 " + file.sha256());
            }
            if (version.activations().isEmpty()) {
                lines.add("      never activated");
            }
            for (ActivationEntry activation : version.activations()) {
                lines.add("      " + activation.kind().id() + " #" + activation.sequence() + "  " + activation.time()
                        + "  by " + activation.deployer());
            }
        }
        lines.add("Summary: " + versions.size() + " found.");
        return lines;
    }

    @Override
    public String toJson() {
        return Json.pretty(new JsonShape(JSON_SCHEMA, workflowId, activeVersion, versions));
    }

    private static String shortCommit(String commit) {
        return commit == null ? "unknown" : commit.substring(0, Math.min(8, commit.length()));
    }
}
