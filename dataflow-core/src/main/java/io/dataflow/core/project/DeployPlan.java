package io.dataflow.core.project;

import io.dataflow.core.Report;
import io.dataflow.core.bundle.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code mvn deploy} would do now, computed by the deploy's own decisions without writing anything: printed by
 * {@code dataflow:plan} as {@link #toText()} lines or as the {@value #JSON_SCHEMA} JSON document.
 *
 * @param registry the registry's root location
 * @param git the branch and commit a deploy would record
 * @param assets one entry per asset of the reactor, in deploy order (Python, SQL, JAR)
 * @param workflows one entry per workflow that renders without problems, in reactor order
 * @param refusals the message of every rule that would refuse the deploy, as the deploy gives it; a deploy stops at
 *     the first
 * @param notes what a deploy would do first that changes nothing a workflow uses (a store check)
 */
public record DeployPlan(String registry, GitInfo git, List<AssetEntry> assets, List<WorkflowEntry> workflows,
        List<String> refusals, List<String> notes) implements Report {

    /** Identifies the JSON shape; changes only when a field is removed or changes meaning. */
    public static final String JSON_SCHEMA = "dataflow.plan/1";

    public DeployPlan {
        assets = List.copyOf(assets);
        workflows = List.copyOf(workflows);
        refusals = List.copyOf(refusals);
        notes = List.copyOf(notes);
    }

    /**
     * @param branch the branch name as git gives it
     * @param sanitizedBranch as asset UUIDs and branch-scoped workflow ids write it
     * @param mainBranch the mainline, {@code null} when it cannot be determined
     * @param mainline this deploy is a mainline deploy (workflow ids are not branch-scoped)
     */
    public record GitInfo(String branch, String sanitizedBranch, String commit, String mainBranch, boolean mainline,
            boolean dirty) {}

    /** {@code NEW}: a new build would be stored; {@code UNCHANGED}: the line's newest build has these bytes. */
    public enum AssetStatus { NEW, UNCHANGED }

    /**
     * @param path how the deploy output names the asset, e.g. {@code ./jobs/pom.xml}
     * @param type {@code jar}, {@code whl}, {@code sql}
     * @param uuid the identity the deploy would give it (NEW; a concurrent deploy may take that number first) or the
     *     build it reuses (UNCHANGED)
     * @param build the build number of {@code uuid}
     * @param location where the bytes would be read from
     */
    public record AssetEntry(String path, String type, String namespace, AssetStatus status, String uuid, int build,
            String location, String sha256, long size) {}

    /** {@code NEW_VERSION}: a new version would be stored; {@code UNCHANGED}: a stored version has this content. */
    public enum WorkflowStatus { NEW_VERSION, UNCHANGED }

    /**
     * @param path the workflow file as the deploy output names it
     * @param id the id in the file
     * @param registryId the id the deploy would use: {@code id}, or {@code <id>@<branch>} off mainline
     * @param version the version a deploy would store (NEW_VERSION) or reuse (UNCHANGED)
     * @param activeVersion the active version now, {@code null} when none
     * @param activates whether the deploy would make {@code version} active
     * @param keptActive {@code version} is unchanged but a rollback replaced it, so the active version stays
     * @param diff a unified diff of the active version's rendered YAML against this deploy's; {@code null} when no
     *     version is active (a first release), empty when they are equal
     */
    public record WorkflowEntry(String path, String id, String registryId, WorkflowStatus status, int version,
            Integer activeVersion, boolean activates, boolean keptActive, String diff) {}

    private record JsonShape(String schema, String registry, GitInfo git, boolean wouldDeploy, List<AssetEntry> assets,
            List<WorkflowEntry> workflows, List<String> refusals, List<String> notes) {}

    /** No rule would refuse the deploy. */
    public boolean wouldDeploy() {
        return refusals.isEmpty();
    }

    @Override
    public String schema() {
        return JSON_SCHEMA;
    }

    @Override
    public List<String> toText() {
        List<String> lines = new ArrayList<>();
        lines.add("Plan of mvn deploy from branch " + git.branch() + " at " + git.commit().substring(0,
                Math.min(8, git.commit().length())) + (git.dirty() ? " (uncommitted changes)" : "") + " to " + registry
                + (git.mainline() ? " (mainline):" : " (branch deploy: workflow ids scoped as <id>@"
                        + git.sanitizedBranch() + "):"));
        if (!assets.isEmpty()) {
            lines.add("Assets:");
            for (AssetEntry asset : assets) {
                lines.add("-> " + asset.path() + "\u2026 " + (asset.status() == AssetStatus.NEW
                        ? "NEW " + asset.uuid() + " (build " + asset.build() + ")"
                        : "UNCHANGED " + asset.uuid() + " (reuses build " + asset.build() + ")"));
            }
        }
        if (!workflows.isEmpty()) {
            lines.add("Workflows:");
            for (WorkflowEntry workflow : workflows) {
                lines.add("-> " + workflow.path() + "\u2026 " + workflowLine(workflow));
                if (workflow.diff() != null && !workflow.diff().isEmpty()) {
                    workflow.diff().lines().forEach(line -> lines.add("   " + line));
                }
            }
        }
        notes.forEach(note -> lines.add("Note: " + note));
        refusals.forEach(refusal -> lines.add("Would refuse: " + refusal));
        long newAssets = assets.stream().filter(asset -> asset.status() == AssetStatus.NEW).count();
        long newVersions = workflows.stream().filter(workflow -> workflow.status() == WorkflowStatus.NEW_VERSION).count();
        lines.add("Summary: " + newAssets + " new and " + (assets.size() - newAssets) + " unchanged assets, "
                + newVersions + " new and " + (workflows.size() - newVersions) + " unchanged workflow versions; "
                + (refusals.isEmpty() ? "the deploy would go ahead." : refusals.size() + (refusals.size() == 1
                        ? " rule refuses" : " rules refuse") + " the deploy."));
        return lines;
    }

    private static String workflowLine(WorkflowEntry workflow) {
        String id = workflow.registryId().equals(workflow.id()) ? workflow.id()
                : workflow.registryId() + " (branch-scoped)";
        String active = workflow.activeVersion() == null ? "no active version yet"
                : "active: version " + workflow.activeVersion();
        if (workflow.status() == WorkflowStatus.NEW_VERSION) {
            return id + " new version " + workflow.version() + " (" + active
                    + (workflow.activeVersion() == null ? "; a first release, no diff)" : ")");
        }
        if (workflow.keptActive()) {
            return id + " unchanged version " + workflow.version() + ", not activated: a rollback replaced it ("
                    + active + "; -Ddataflow.reactivate=true would activate it)";
        }
        return id + " unchanged version " + workflow.version() + (workflow.activates() ? ", activated (" + active + ")"
                : " (active)");
    }

    @Override
    public String toJson() {
        return Json.pretty(new JsonShape(JSON_SCHEMA, registry, git, wouldDeploy(), assets, workflows, refusals, notes));
    }
}
