package io.dataflow.core.project;

import io.dataflow.core.Report;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.identity.AssetType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the reactor holds, by kind, in reactor order: what {@code dataflow:list} prints.
 */
public record ProjectComponents(List<Component> pythonAssets, List<Component> sqlAssets, List<Component> jarAssets,
        List<Component> workflows) implements Report {

    /** Identifies the JSON shape; changes only when a field is removed or changes meaning. */
    public static final String JSON_SCHEMA = "dataflow.components/1";

    private record JsonShape(String schema, List<Entry> pythonAssets, List<Entry> sqlAssets, List<Entry> jarAssets,
            List<Entry> workflows) {}

    /** @param type {@code null} for a workflow */
    private record Entry(String module, String type, String namespace, String path) {}

    public ProjectComponents {
        pythonAssets = List.copyOf(pythonAssets);
        sqlAssets = List.copyOf(sqlAssets);
        jarAssets = List.copyOf(jarAssets);
        workflows = List.copyOf(workflows);
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
        section(lines, "JAR Assets:", jarAssets);
        section(lines, "Scheduler Workflows:", workflows);
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

    private static List<Entry> entries(List<Component> components) {
        return components.stream().map(c -> new Entry(c.module(), c.type() == null ? null : c.type().id(),
                c.namespace(), c.displayPath())).toList();
    }

    private static void section(List<String> lines, String heading, List<Component> components) {
        lines.add(heading);
        components.forEach(component -> lines.add("-> " + component.displayPath()));
        lines.add("Summary: " + components.size() + " found.");
    }
}
