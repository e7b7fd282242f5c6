package io.dataflow.core.maestro;

import io.dataflow.core.workflow.SourcePosition;
import io.dataflow.core.workflow.YamlDocument;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Keys of a workflow file that the Dataflow DSL keeps as written but that have no place in the Maestro export
 * (for example a scheduler option next to {@code id} and {@code type}). The export would drop them, and writing them
 * would make Maestro read them as parameters, so each one is reported instead of guessed at.
 *
 * <p>The keys below are those the workflow parser reads for each construct.
 */
final class UnmappedKeys {

    private static final Set<String> WORKFLOW = Set.of("id", "name", "params", "trigger", "dag", "jobs");
    private static final Set<String> TRIGGER = Set.of("cron");
    private static final Map<String, Set<String>> JOB_BY_TYPE = Map.of(
            "Spark", Set.of("id", "type", "spark"),
            "Metadata", Set.of("id", "type", "metacat"),
            "HWM", Set.of("id", "type", "metacat"),
            "NoOp", Set.of("id", "type"));
    private static final Set<String> SPARK = Set.of("script", "jar", "main_class", "args", "python", "entry",
            "parameters", "conf");
    private static final Set<String> METADATA = Set.of("tables", "owner", "tags", "lifetime", "column_types");
    private static final Set<String> HWM = Set.of("table", "hwm_datetime", "hwm_timezone");
    private static final Set<String> WAP = Set.of("id", "type", "tables", "write_jobs", "data_auditor");
    private static final Set<String> AUDITOR = Set.of("audits");
    private static final Set<String> AUDIT = Set.of("function", "blocking", "params");
    private static final Set<String> FOREACH = Set.of("id", "params", "jobs", "dag");
    private static final Set<String> SUBWORKFLOW = Set.of("id", "workflow", "params");

    private final YamlDocument document;
    private final BiConsumer<SourcePosition, String> problems;

    private UnmappedKeys(YamlDocument document, BiConsumer<SourcePosition, String> problems) {
        this.document = document;
        this.problems = problems;
    }

    /** Reports every key of the document the export has no place for. */
    static void report(YamlDocument document, BiConsumer<SourcePosition, String> problems) {
        if (document != null && document.root() instanceof MappingNode root) {
            new UnmappedKeys(document, problems).workflow(child(root, "Workflow"));
        }
    }

    private void workflow(Node node) {
        if (node instanceof MappingNode workflow) {
            check(workflow, WORKFLOW, "the workflow");
            check(child(workflow, "trigger"), TRIGGER, "the trigger");
            jobs(child(workflow, "jobs"));
        }
    }

    private void jobs(Node node) {
        if (!(node instanceof SequenceNode list)) {
            return;
        }
        for (Node item : list.getValue()) {
            if (!(item instanceof MappingNode entry) || entry.getValue().size() != 1) {
                continue;
            }
            String kind = key(entry.getValue().get(0));
            Node body = entry.getValue().get(0).getValueNode();
            if (!(body instanceof MappingNode fields)) {
                continue;
            }
            String what = kind + " '" + text(child(fields, "id")) + "'";
            switch (kind) {
                case "job" -> job(fields, what);
                case "template" -> {
                    check(fields, WAP, what);
                    jobs(child(fields, "write_jobs"));
                    Node auditor = child(fields, "data_auditor");
                    check(auditor, AUDITOR, what + " data_auditor");
                    if (auditor instanceof MappingNode auditorFields
                            && child(auditorFields, "audits") instanceof SequenceNode audits) {
                        audits.getValue().forEach(audit -> check(audit, AUDIT, what + " audit"));
                    }
                }
                case "foreach" -> {
                    check(fields, FOREACH, what);
                    jobs(child(fields, "jobs"));
                }
                case "subworkflow" -> check(fields, SUBWORKFLOW, what);
                default -> {
                    // Not a construct the parser knows; it reported it already.
                }
            }
        }
    }

    private void job(MappingNode fields, String what) {
        String type = text(child(fields, "type"));
        Set<String> known = JOB_BY_TYPE.get(type);
        if (known == null) {
            return;
        }
        check(fields, known, what);
        if (type.equals("Spark")) {
            check(child(fields, "spark"), SPARK, what + " spark");
        } else if (type.equals("Metadata")) {
            check(child(fields, "metacat"), METADATA, what + " metacat");
        } else if (type.equals("HWM")) {
            check(child(fields, "metacat"), HWM, what + " metacat");
        }
    }

    private void check(Node node, Set<String> known, String what) {
        if (!(node instanceof MappingNode map)) {
            return;
        }
        for (NodeTuple tuple : map.getValue()) {
            String key = key(tuple);
            if (!known.contains(key)) {
                problems.accept(document.positionOf(tuple.getKeyNode()), "key '" + key + "' of " + what + " has no"
                        + " place in Maestro's DSL: the export would drop it, and Maestro would read it as a parameter;"
                        + " remove it, or keep this workflow out of Maestro.");
            }
        }
    }

    private static Node child(MappingNode map, String key) {
        for (NodeTuple tuple : map.getValue()) {
            if (key.equals(key(tuple))) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    private static String key(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(tuple.getKeyNode());
    }

    private static String text(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : "?";
    }
}
