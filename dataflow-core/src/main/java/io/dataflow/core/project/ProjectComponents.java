package io.dataflow.core.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataflow.core.Report;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.identity.AssetType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the reactor holds, by kind, in reactor order: what {@code dataflow:list} prints.
 *
 * @param shipped per workflow file (by display path): its id and the {@code $S3{}} files it ships; empty where not
 *     looked at (only the listing reads the workflow files)
 */
public record ProjectComponents(List<Component> pythonAssets, List<Component> sqlAssets, List<Component> jarAssets,
        List<Component> workflows, Map<String, Shipped> shipped) implements Report {

    /**
     * @param workflowId the id the workflow file declares, {@code null} when it does not say
     * @param files the files it ships with {@code $S3{}}, {@code ./}-relative to the work tree
     */
    public record Shipped(String workflowId, List<String> files) {}

    /** Identifies the JSON shape; changes only when a field is removed or changes meaning. */
    public static final String JSON_SCHEMA = "dataflow.components/1";

    private record JsonShape(String schema, List<Entry> pythonAssets, List<Entry> sqlAssets, List<Entry> jarAssets,
            List<Entry> workflows) {}

    /**
     * @param type {@code null} for a workflow
     * @param workflowId a workflow's declared id, {@code null} for an asset
     * @param files the files a workflow ships, {@code null} for an asset
     */
    @JsonInclude(JsonInclude.Include.NON_NULL) // an asset's entry keeps its version 1 shape
    private record Entry(String module, String type, String namespace, String path, String workflowId,
            List<String> files) {}

    public ProjectComponents {
        pythonAssets = List.copyOf(pythonAssets);
        sqlAssets = List.copyOf(sqlAssets);
        jarAssets = List.copyOf(jarAssets);
        workflows = List.copyOf(workflows);
        shipped = Map.copyOf(shipped);
    }

    public ProjectComponents(List<Component> pythonAssets, List<Component> sqlAssets, List<Component> jarAssets,
            List<Component> workflows) {
        this(pythonAssets, sqlAssets, jarAssets, workflows, Map.of());
    }

    /** The same components with what each workflow ships. */
    public ProjectComponents withShipped(Map<String, Shipped> shippedByWorkflow) {
        return new ProjectComponents(pythonAssets, sqlAssets, jarAssets, workflows, shippedByWorkflow);
    }

    /** The ids the project's workflow files declare (looked at by the listing only). */
    public Set<String> workflowIds() {
        Set<String> ids = new LinkedHashSet<>();
        workflows.forEach(workflow -> {
            Shipped details = shipped.get(workflow.displayPath());
            if (details != null && details.workflowId() != null) {
                ids.add(details.workflowId());
            }
        });
        return ids;
    }

    /** Every asset: Python packages, then SQL files, then JARs (the order they deploy in). */
    public List<Component> assets() {
        return Stream.of(pythonAssets, sqlAssets, jarAssets).flatMap(List::stream).toList();
    }

    /** The namespaces of one asset type the reactor builds, in reactor order. */
    public List<String> namespaces(AssetType type) {
        return assets().stream().filter(c -> c.type() == type).map(Component::namespace).distinct().toList();
    }

    /**
     * The listing, one line per entry: a heading per kind ({@code Python Assets:}, {@code SQL Assets:},
     * {@code JAR Assets:}, {@code Scheduler Workflows:}), a {@code -> ./path} line per component and
     * {@code Summary: N found.}.
     */
    @Override
    public List<String> toText() {
        List<String> lines = new ArrayList<>();
        section(lines, "Python Assets:", pythonAssets);
        section(lines, "SQL Assets:", sqlAssets);
        boolean shipsSql = shipped.values().stream().flatMap(details -> details.files().stream())
                .anyMatch(file -> file.endsWith(".sql"));
        if (sqlAssets.isEmpty() && shipsSql) {
            // A SQL file a workflow ships with $S3{} is a file of its bundle, not a versioned SQL asset.
            lines.add("(The SQL files the workflows ship with $S3{} are listed with each workflow below.)");
        }
        section(lines, "JAR Assets:", jarAssets);
        lines.add("Scheduler Workflows:");
        for (Component workflow : workflows) {
            Shipped details = shipped.get(workflow.displayPath());
            lines.add("-> " + workflow.displayPath() + (details == null || details.workflowId() == null ? ""
                    : "  (id " + details.workflowId() + ")"));
            if (details != null) {
                details.files().forEach(file -> lines.add("     ships " + file));
            }
        }
        lines.add("Summary: " + workflows.size() + " found.");
        return lines;
    }

    @Override
    public String schema() {
        return JSON_SCHEMA;
    }

    @Override
    public String toJson() {
        return Json.pretty(new JsonShape(JSON_SCHEMA, entries(pythonAssets), entries(sqlAssets), entries(jarAssets),
                entries(workflows)));
    }

    private List<Entry> entries(List<Component> components) {
        return components.stream().map(c -> {
            Shipped details = c.isWorkflow() ? shipped.get(c.displayPath()) : null;
            return new Entry(c.module(), c.type() == null ? null : c.type().id(), c.namespace(), c.displayPath(),
                    details == null ? null : details.workflowId(), details == null ? null : details.files());
        }).toList();
    }

    private static void section(List<String> lines, String heading, List<Component> components) {
        lines.add(heading);
        components.forEach(component -> lines.add("-> " + component.displayPath()));
        lines.add("Summary: " + components.size() + " found.");
    }
}
