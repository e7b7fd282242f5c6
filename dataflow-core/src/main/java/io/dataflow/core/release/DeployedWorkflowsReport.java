package io.dataflow.core.release;

import io.dataflow.core.Report;
import io.dataflow.core.bundle.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every workflow deployed to a registry, sorted by id; printed by {@code dataflow:list -Ddataflow.deployed}.
 *
 * @param workflows one entry per registry id (branch-scoped ids included)
 */
public record DeployedWorkflowsReport(List<WorkflowEntry> workflows) implements Report {

    /** Identifies the JSON shape; changes only when a field is removed or changes meaning. */
    public static final String JSON_SCHEMA = "dataflow.workflows/2";

    public DeployedWorkflowsReport {
        workflows = List.copyOf(workflows);
    }

    /**
     * @param workflowId the registry id: {@code daily}, or {@code daily@feature-x-y} for a branch deploy
     * @param declaredWorkflowId the id the workflow file declares ({@code daily} in both cases)
     * @param branch the sanitized branch of a branch-scoped id, {@code null} for mainline
     * @param activeVersion {@code null} when no version was ever activated
     * @param activatedAt when the active version became active, {@code null} with no active version
     * @param newestVersion the newest visible version
     */
    public record WorkflowEntry(String workflowId, String declaredWorkflowId, String branch, Integer activeVersion, Instant activatedAt,
            int newestVersion) {}

    private record JsonShape(String schema, List<WorkflowEntry> workflows) {}

    /** Only the workflows whose files declare one of these ids, with their branch-scoped ids. */
    public DeployedWorkflowsReport declaredAs(java.util.Set<String> declaredIds) {
        return new DeployedWorkflowsReport(workflows.stream()
                .filter(workflow -> declaredIds.contains(workflow.declaredWorkflowId())).toList());
    }

    @Override
    public String schema() {
        return JSON_SCHEMA;
    }

    @Override
    public List<String> toText() {
        List<String> lines = new ArrayList<>();
        lines.add("Deployed workflows:");
        for (WorkflowEntry workflow : workflows) {
            lines.add("-> " + workflow.workflowId() + "  "
                    + (workflow.activeVersion() == null ? "no active version"
                            : "active version " + workflow.activeVersion() + " since " + Report.time(workflow.activatedAt()))
                    + ", newest version " + workflow.newestVersion());
        }
        lines.add("Summary: " + workflows.size() + " found.");
        return lines;
    }

    @Override
    public String toJson() {
        return Json.pretty(new JsonShape(JSON_SCHEMA, workflows));
    }
}
