package io.dataflow.core.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code Workflow:} document of a {@code *.sch.yaml} file. Values are kept as written (references
 * unresolved); the rendered file parses into the same model with concrete locations.
 *
 * @param id the scheduler id, e.g. {@code stranger-data.sample.main}
 * @param name optional display name, or {@code null}
 * @param params parameter defaults by name, in file order
 * @param trigger optional schedule, or {@code null}
 * @param dag dependency edges between the top-level steps
 * @param jobs the top-level steps, in file order
 */
public record Workflow(
        String id,
        String name,
        Map<String, Param> params,
        Trigger trigger,
        List<Edge> dag,
        List<Step> jobs,
        SourcePosition position) {

    public static final String ID_PATTERN_TEXT = "[A-Za-z0-9][A-Za-z0-9_.-]{0,127}";
    private static final Pattern ID_PATTERN = Pattern.compile(ID_PATTERN_TEXT);

    /** Workflow ids become registry folders and scheduler ids: letters, digits, '_', '-', '.', no '..'. */
    public static boolean isValidId(String id) {
        return id != null && ID_PATTERN.matcher(id).matches() && !id.contains("..");
    }

    /** Every step, nested ones included (wap write jobs, foreach bodies), depth first in file order. */
    public List<Step> allSteps() {
        List<Step> all = new ArrayList<>();
        collect(jobs, all);
        return all;
    }

    private static void collect(List<Step> steps, List<Step> into) {
        for (Step step : steps) {
            into.add(step);
            collect(step.children(), into);
        }
    }

    /** A parameter default: {@code NAME: value} or {@code NAME: {value: …}}. */
    public record Param(String name, Object value, SourcePosition position) {}

    /** {@code a -> b}: {@code to} starts after {@code from} succeeded. */
    public record Edge(String from, String to, SourcePosition position) {
        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }

    /** When the scheduler starts the workflow; {@code cron} is the only trigger kind so far. */
    public record Trigger(String cron, SourcePosition position) {}
}
