package io.dataflow.core.project;

import io.dataflow.core.Report;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.registry.AssetBuild;
import io.dataflow.core.registry.AssetCatalog;
import io.dataflow.core.release.DeployedWorkflowsReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code dataflow:list -Ddataflow.deployed} prints: the deployed builds of some namespaces per asset type,
 * newest first, and optionally every deployed workflow.
 *
 * @param everything the whole registry ({@code -Ddataflow.all}) rather than this project's namespaces and workflows
 * @param assets one entry per asset type listed
 * @param workflows the deployed workflows, {@code null} when not asked for
 */
public record DeployedListing(boolean everything, List<AssetSection> assets, DeployedWorkflowsReport workflows)
        implements Report {

    /** Identifies the JSON shape; changes only when a field is removed or changes meaning. */
    public static final String JSON_SCHEMA = "dataflow.deployed/2";

    public DeployedListing {
        assets = List.copyOf(assets);
    }

    /** The builds of one asset type in the given namespaces, newest first per namespace. */
    public record AssetSection(String type, List<String> namespaces, List<Build> builds) {}

    /** @param collected {@code dataflow:gc} deleted its bytes: it can no longer be referenced */
    public record Build(String uuid, String namespace, String location, String sha256, long size, Instant createdAt,
            String branch, String commit, boolean collected) {}

    private record JsonShape(String schema, String scope, List<AssetSection> assets,
            List<DeployedWorkflowsReport.WorkflowEntry> workflows) {}

    public static AssetSection section(AssetCatalog catalog, AssetType type, List<String> namespaces) {
        List<Build> builds = new ArrayList<>();
        for (String namespace : namespaces) {
            for (AssetBuild build : catalog.list(type, namespace)) {
                builds.add(new Build(build.id().format(), namespace, build.location(), build.sha256(), build.size(),
                        build.createdAt(), build.originalBranch(), build.fullCommit(), catalog.collected(build)));
            }
        }
        return new AssetSection(type.id(), List.copyOf(namespaces), builds);
    }

    @Override
    public String schema() {
        return JSON_SCHEMA;
    }

    @Override
    public List<String> toText() {
        List<String> lines = new ArrayList<>();
        for (AssetSection section : assets) {
            lines.add((everything ? "Namespaces" : "Project namespaces") + " with deployed " + section.type().toUpperCase(Locale.ROOT) + "S: "
                    + (section.namespaces().isEmpty() ? "(none)" : String.join(", ", section.namespaces())));
            section.builds().forEach(build -> lines.add("-> " + build.uuid()
                    + (build.collected() ? " (collected by dataflow:gc)" : "")));
            lines.add("Summary: " + section.builds().size() + " found.");
        }
        if (workflows != null) {
            lines.addAll(workflows.toText());
        }
        return lines;
    }

    @Override
    public String toJson() {
        return Json.pretty(new JsonShape(JSON_SCHEMA, everything ? "registry" : "project", assets,
                workflows == null ? null : workflows.workflows()));
    }
}
