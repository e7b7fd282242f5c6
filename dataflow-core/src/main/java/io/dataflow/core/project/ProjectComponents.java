package io.dataflow.core.project;

import io.dataflow.core.identity.AssetType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the reactor holds, by kind, in reactor order: what {@code dataflow:list} prints.
 */
public record ProjectComponents(List<Component> pythonAssets, List<Component> sqlAssets, List<Component> jarAssets,
        List<Component> workflows) {

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
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        section(lines, "Python Assets:", pythonAssets);
        section(lines, "SQL Assets:", sqlAssets);
        section(lines, "JAR Assets:", jarAssets);
        section(lines, "Scheduler Workflows:", workflows);
        return lines;
    }

    private static void section(List<String> lines, String heading, List<Component> components) {
        lines.add(heading);
        components.forEach(component -> lines.add("-> " + component.displayPath()));
        lines.add("Summary: " + components.size() + " found.");
    }
}
