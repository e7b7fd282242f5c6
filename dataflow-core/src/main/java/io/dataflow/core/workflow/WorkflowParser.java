package io.dataflow.core.workflow;

import io.dataflow.contract.run.AuditFunction;
import io.dataflow.contract.run.WapBranch;
import io.dataflow.core.workflow.ParsedWorkflow.TextSpan;
import io.dataflow.core.workflow.SparkProgram.JarProgram;
import io.dataflow.core.workflow.SparkProgram.PythonProgram;
import io.dataflow.core.workflow.SparkProgram.SqlScript;
import io.dataflow.core.workflow.Step.Audit;
import io.dataflow.core.workflow.Workflow.Edge;
import io.dataflow.core.workflow.Workflow.Param;
import io.dataflow.core.workflow.Workflow.Trigger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns a composed workflow document into the model. It never stops at the first mistake: every missing
 * field, wrong shape or unknown type becomes a {@link Problem} and parsing carries on with the rest.
 */
public final class WorkflowParser {

    static final List<String> ENTRY_KINDS = List.of("job", "template", "foreach", "subworkflow");
    static final List<String> JOB_TYPES = List.of("Spark", "Metadata", "HWM", "NoOp");
    static final List<String> TEMPLATE_TYPES = List.of("wap");

    private final YamlDocument document;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, TextSpan> paramValueSpans = new LinkedHashMap<>();

    private WorkflowParser(YamlDocument document) {
        this.document = document;
    }

    /** Loads {@code file} safely and parses it; problems of both stages are in the result. */
    public static ParsedWorkflow parse(Path file) {
        SafeYamlLoader.Loaded loaded = SafeYamlLoader.load(file);
        if (loaded.document() == null) {
            return new ParsedWorkflow(file, null, null, loaded.problems(), Map.of());
        }
        return parse(loaded.document(), loaded.problems());
    }

    /** Parses YAML text as if read from {@code file}. */
    public static ParsedWorkflow parse(Path file, String text) {
        SafeYamlLoader.Loaded loaded = SafeYamlLoader.compose(file, text);
        if (loaded.document() == null) {
            return new ParsedWorkflow(file, null, null, loaded.problems(), Map.of());
        }
        return parse(loaded.document(), loaded.problems());
    }

    private static ParsedWorkflow parse(YamlDocument document, List<Problem> loadProblems) {
        WorkflowParser parser = new WorkflowParser(document);
        parser.problems.addAll(loadProblems);
        Workflow workflow = parser.workflow(document.root());
        return new ParsedWorkflow(document.file(), document, workflow, List.copyOf(parser.problems),
                Map.copyOf(parser.paramValueSpans));
    }

    private Workflow workflow(Node root) {
        if (!(root instanceof MappingNode top)) {
            problems.add(new Problem(document.file(), root == null ? 1 : line(root), root == null ? 1 : column(root),
                    "a workflow file must be a mapping with one key 'Workflow:' holding id, params, dag and jobs."));
            return null;
        }
        Node body = null;
        for (NodeTuple tuple : top.getValue()) {
            String key = keyOf(tuple);
            if ("Workflow".equals(key)) {
                body = tuple.getValueNode();
            } else {
                problem(tuple.getKeyNode(), "unknown top-level key '" + key + "'; a workflow file holds only 'Workflow:'"
                        + ("workflow".equalsIgnoreCase(key) ? " (spelled with a capital W)." : "."));
            }
        }
        if (body == null) {
            problem(top, "missing 'Workflow:' mapping; start the file with 'Workflow:' and indent id, params, dag and jobs below it.");
            return null;
        }
        MappingNode map = mapping(body, "Workflow");
        if (map == null) {
            return null;
        }
        String id = scalar(map, "id", "Workflow", true);
        if (id != null && !Workflow.isValidId(id)) {
            problem(field(map, "id"), "invalid workflow id '" + id + "': it must match " + Workflow.ID_PATTERN_TEXT
                    + " without '..', e.g. 'stranger-data.sample.main'.");
        }
        String name = scalar(map, "name", "Workflow", false);
        Map<String, Param> params = params(field(map, "params"));
        Trigger trigger = trigger(field(map, "trigger"));
        List<Edge> dag = dag(field(map, "dag"));
        Node jobsNode = field(map, "jobs");
        List<Step> jobs;
        if (jobsNode == null) {
            problem(map, "Workflow has no 'jobs:' list; add at least one job.");
            jobs = List.of();
        } else {
            jobs = steps(jobsNode, "Workflow.jobs");
        }
        return new Workflow(id, name, params, trigger, dag, jobs, position(body));
    }

    private Map<String, Param> params(Node node) {
        Map<String, Param> params = new LinkedHashMap<>();
        if (node == null || isNull(node)) {
            return params;
        }
        MappingNode map = mapping(node, "Workflow.params");
        if (map == null) {
            return params;
        }
        for (NodeTuple tuple : map.getValue()) {
            String name = keyOf(tuple);
            Node valueNode = tuple.getValueNode();
            Node keyNode = tuple.getKeyNode();
            if (valueNode instanceof MappingNode wrapped) {
                Node inner = field(wrapped, "value");
                if (inner == null) {
                    problem(valueNode, "parameter '" + name + "' is a mapping without 'value:'; write '" + name
                            + ": <default>' or '" + name + ": {value: <default>}'.");
                    continue;
                }
                keyNode = keyNodeOf(wrapped, "value");
                valueNode = inner;
            }
            params.put(name, new Param(name, toJava(valueNode), position(tuple.getKeyNode())));
            if (valueNode instanceof ScalarNode) {
                paramValueSpans.put(name, spanOf(keyNode, valueNode));
            }
        }
        return params;
    }

    /** The text of a scalar value; an empty value is an insertion point right after the key's colon. */
    private TextSpan spanOf(Node keyNode, Node valueNode) {
        int start = document.offsetOf(valueNode.getStartMark());
        int end = document.offsetOf(valueNode.getEndMark());
        if (start == end || isNull(valueNode) && ((ScalarNode) valueNode).getValue().isEmpty()) {
            int colon = document.text().indexOf(':', document.offsetOf(keyNode.getEndMark()));
            return new TextSpan(colon + 1, colon + 1, " ");
        }
        return new TextSpan(start, end, "");
    }

    private Trigger trigger(Node node) {
        if (node == null || isNull(node)) {
            return null;
        }
        MappingNode map = mapping(node, "Workflow.trigger");
        if (map == null) {
            return null;
        }
        String cron = scalar(map, "cron", "Workflow.trigger", true);
        if (cron != null) {
            int fields = cron.trim().split("\\s+").length;
            if (fields < 5 || fields > 7) {
                problem(field(map, "cron"), "cron expression '" + cron + "' has " + fields
                        + " fields; write 5 to 7 fields, e.g. '0 2 * * *' for daily at 02:00.");
            }
        }
        return new Trigger(cron, position(node));
    }

    private List<Edge> dag(Node node) {
        List<Edge> edges = new ArrayList<>();
        if (node == null || isNull(node)) {
            return edges;
        }
        if (!(node instanceof SequenceNode sequence)) {
            problem(node, "'dag' must be a list of edges such as '- ddl -> write'.");
            return edges;
        }
        for (Node item : sequence.getValue()) {
            if (!(item instanceof ScalarNode scalar)) {
                problem(item, "a dag entry must be a text edge such as 'ddl -> write' (or a chain 'a -> b -> c').");
                continue;
            }
            List<String> parts = splitAtArrows(scalar.getValue());
            boolean blank = false;
            for (String part : parts) {
                blank |= part.isBlank();
            }
            if (parts.size() < 2 || blank) {
                problem(item, "malformed dag edge '" + scalar.getValue()
                        + "'; write 'a -> b' (or a chain 'a -> b -> c') using job ids.");
                continue;
            }
            for (int i = 0; i + 1 < parts.size(); i++) {
                edges.add(new Edge(parts.get(i).trim(), parts.get(i + 1).trim(), position(item)));
            }
        }
        return edges;
    }

    /** {@code edge.split("->", -1)}, without compiling a regular expression for every edge of every dag. */
    private static List<String> splitAtArrows(String edge) {
        List<String> parts = new ArrayList<>(3);
        int from = 0;
        for (int arrow = edge.indexOf("->"); arrow >= 0; arrow = edge.indexOf("->", from)) {
            parts.add(edge.substring(from, arrow));
            from = arrow + 2;
        }
        parts.add(edge.substring(from));
        return parts;
    }

    private List<Step> steps(Node node, String where) {
        List<Step> steps = new ArrayList<>();
        if (!(node instanceof SequenceNode sequence)) {
            problem(node, "'" + where + "' must be a list of entries such as '- job: {id: ..., type: ...}'.");
            return steps;
        }
        for (Node item : sequence.getValue()) {
            Step step = step(item);
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }

    private Step step(Node item) {
        if (!(item instanceof MappingNode entry) || entry.getValue().size() != 1) {
            problem(item, "each jobs entry must be a mapping with exactly one key, one of " + ENTRY_KINDS
                    + ", e.g. '- job:' followed by the job's fields.");
            return null;
        }
        NodeTuple tuple = entry.getValue().get(0);
        String kind = keyOf(tuple);
        Node body = tuple.getValueNode();
        switch (kind) {
            case "job":
                return job(body);
            case "template":
                return template(body);
            case "foreach":
                return foreach(body);
            case "subworkflow":
                return subworkflow(body);
            default:
                problem(tuple.getKeyNode(), "unknown entry kind '" + kind + "'; use one of " + ENTRY_KINDS + ".");
                return null;
        }
    }

    private Step job(Node body) {
        MappingNode map = mapping(body, "job");
        if (map == null) {
            return null;
        }
        String id = scalar(map, "id", "job", true);
        String what = "job '" + (id == null ? "?" : id) + "'";
        String type = scalar(map, "type", what, true);
        if (type == null) {
            return null;
        }
        switch (type) {
            case "Spark":
                return spark(map, id, what);
            case "Metadata": {
                MappingNode metacat = requiredMapping(map, "metacat", what + " (Metadata)");
                if (metacat == null) {
                    return null;
                }
                List<String> tables = scalarList(metacat, "tables", what + " metacat", true);
                String owner = scalar(metacat, "owner", what + " metacat", false);
                List<String> tags = scalarList(metacat, "tags", what + " metacat", false);
                Integer lifetime = integer(metacat, "lifetime", what + " metacat");
                Map<String, String> columnTypes = scalarMap(field(metacat, "column_types"), what + " metacat.column_types");
                return new Step.MetadataJob(id, tables, owner, tags, lifetime, columnTypes, position(body));
            }
            case "HWM": {
                MappingNode metacat = requiredMapping(map, "metacat", what + " (HWM)");
                if (metacat == null) {
                    return null;
                }
                return new Step.HwmJob(id, scalar(metacat, "table", what + " metacat", true),
                        scalar(metacat, "hwm_datetime", what + " metacat", true),
                        scalar(metacat, "hwm_timezone", what + " metacat", false), position(body));
            }
            case "NoOp":
                return new Step.NoOpJob(id, position(body));
            default:
                String hint = JOB_TYPES.stream().filter(t -> t.equalsIgnoreCase(type)).findFirst()
                        .map(t -> " (types are case-sensitive: write '" + t + "')")
                        .orElse("");
                problem(field(map, "type"), "unknown job type '" + type + "' in " + what + "; use one of " + JOB_TYPES
                        + hint + ".");
                return null;
        }
    }

    private Step spark(MappingNode map, String id, String what) {
        MappingNode spark = requiredMapping(map, "spark", what + " (Spark)");
        if (spark == null) {
            return null;
        }
        List<String> present = new ArrayList<>();
        for (String key : List.of("script", "jar", "python")) {
            if (field(spark, key) != null) {
                present.add(key);
            }
        }
        String context = what + " spark";
        SparkProgram program = null;
        if (present.size() != 1) {
            problem(spark, what + " (Spark) needs exactly one of spark.script (SQL file), spark.jar (+ main_class) "
                    + "or spark.python (+ entry for a wheel), found " + (present.isEmpty() ? "none" : present)
                    + "; keep the one this job runs.");
        } else if (present.get(0).equals("script")) {
            program = new SqlScript(scalar(spark, "script", context, true));
        } else if (present.get(0).equals("jar")) {
            program = new JarProgram(scalar(spark, "jar", context, true), scalar(spark, "main_class", context, true),
                    scalarList(spark, "args", context, false));
        } else {
            String python = scalar(spark, "python", context, true);
            boolean wheel = python != null && (python.endsWith(".whl") || python.startsWith("${dataflow.whl."));
            program = new PythonProgram(python, scalar(spark, "entry", context, wheel),
                    scalarList(spark, "args", context, false));
        }
        return new Step.SparkJob(id, program, javaMap(field(spark, "parameters"), context + ".parameters"),
                javaMap(field(spark, "conf"), context + ".conf"), position(map));
    }

    private Step template(Node body) {
        MappingNode map = mapping(body, "template");
        if (map == null) {
            return null;
        }
        String id = scalar(map, "id", "template", true);
        String what = "template '" + (id == null ? "?" : id) + "'";
        String type = scalar(map, "type", what, true);
        if (type == null) {
            return null;
        }
        if (!"wap".equals(type)) {
            problem(field(map, "type"), "unknown template type '" + type + "' in " + what + "; use one of "
                    + TEMPLATE_TYPES + ".");
            return null;
        }
        List<String> tables = scalarList(map, "tables", what + " (wap)", true);
        Node writeJobsNode = field(map, "write_jobs");
        List<Step> writeJobs = List.of();
        if (writeJobsNode == null) {
            problem(map, what + " (wap) is missing required field 'write_jobs'; list the jobs that write the tables.");
        } else {
            writeJobs = steps(writeJobsNode, what + ".write_jobs");
            if (writeJobs.isEmpty() && writeJobsNode instanceof SequenceNode seq && seq.getValue().isEmpty()) {
                problem(writeJobsNode, what + " (wap) has an empty 'write_jobs' list; add the job that writes the tables.");
            }
            for (Step write : writeJobs) {
                if (write instanceof Step.SparkJob job && job.conf().containsKey(WapBranch.SETTING)) {
                    problems.add(Problem.at(job.position(), what + " write job '" + job.id() + "' spark.conf sets "
                            + WapBranch.SETTING + ", which the wap template sets for its write jobs (each run's own audit"
                            + " branch); remove it."));
                }
            }
        }
        return new Step.WapTemplate(id, tables, writeJobs, audits(field(map, "data_auditor"), what), position(body));
    }

    private List<Audit> audits(Node node, String what) {
        List<Audit> audits = new ArrayList<>();
        if (node == null || isNull(node)) {
            return audits;
        }
        MappingNode auditor = mapping(node, what + ".data_auditor");
        if (auditor == null) {
            return audits;
        }
        Node list = field(auditor, "audits");
        if (list == null) {
            problem(auditor, what + ".data_auditor is missing 'audits:'; list audits or remove data_auditor.");
            return audits;
        }
        if (!(list instanceof SequenceNode sequence)) {
            problem(list, what + ".data_auditor.audits must be a list of '- function: ...' entries.");
            return audits;
        }
        for (Node item : sequence.getValue()) {
            MappingNode audit = mapping(item, what + " audit");
            if (audit == null) {
                continue;
            }
            String function = scalar(audit, "function", what + " audit", true);
            Map<String, Object> params = javaMap(field(audit, "params"), what + " audit params");
            Boolean blocking = bool(audit, "blocking", what + " audit");
            if (function == null) {
                continue;
            }
            AuditFunction known = AuditFunction.byName(function).orElse(null);
            if (known == null) {
                problem(field(audit, "function"), "unknown audit function '" + function + "' in " + what
                        + "; use one of " + AuditFunction.names() + ".");
                continue;
            }
            for (String required : known.requiredParams()) {
                if (!params.containsKey(required)) {
                    problem(audit, "audit " + function + " in " + what + " is missing required param '" + required
                            + "'; it needs " + known.requiredParams() + " under 'params:'.");
                }
            }
            audits.add(new Audit(known, blocking == null || blocking, params, position(item)));
        }
        return audits;
    }

    private Step foreach(Node body) {
        MappingNode map = mapping(body, "foreach");
        if (map == null) {
            return null;
        }
        String id = scalar(map, "id", "foreach", true);
        String what = "foreach '" + (id == null ? "?" : id) + "'";
        Node paramsNode = field(map, "params");
        Map<String, Object> params = javaMap(paramsNode, what + ".params");
        if (paramsNode == null || params.isEmpty()) {
            problem(paramsNode == null ? map : paramsNode, what + " needs 'params:' naming its loop variable, "
                    + "e.g. 'params: {date: ${DATES}}'.");
        }
        Node jobsNode = field(map, "jobs");
        List<Step> jobs = List.of();
        if (jobsNode == null) {
            problem(map, what + " is missing required field 'jobs'; list the jobs run in each iteration.");
        } else {
            jobs = steps(jobsNode, what + ".jobs");
        }
        return new Step.Foreach(id, params, jobs, dag(field(map, "dag")), position(body));
    }

    private Step subworkflow(Node body) {
        MappingNode map = mapping(body, "subworkflow");
        if (map == null) {
            return null;
        }
        String id = scalar(map, "id", "subworkflow", true);
        String what = "subworkflow '" + (id == null ? "?" : id) + "'";
        String workflow = scalar(map, "workflow", what, true);
        if (workflow != null && !Workflow.isValidId(workflow) && !workflow.contains("${")) {
            problem(field(map, "workflow"), "invalid workflow id '" + workflow + "' in " + what + "; it must match "
                    + Workflow.ID_PATTERN_TEXT + ".");
        }
        return new Step.Subworkflow(id, workflow, javaMap(field(map, "params"), what + ".params"), position(body));
    }

    // ---- small typed accessors; each reports its own problem and returns null/empty ----

    private MappingNode mapping(Node node, String what) {
        if (node instanceof MappingNode map) {
            return map;
        }
        problem(node, "'" + what + "' must be a mapping of fields (key: value lines indented below it).");
        return null;
    }

    private MappingNode requiredMapping(MappingNode map, String key, String what) {
        Node node = field(map, key);
        if (node == null) {
            problem(map, what + " is missing required field '" + key + "'; add a '" + key + ":' block.");
            return null;
        }
        return mapping(node, key);
    }

    private String scalar(MappingNode map, String key, String what, boolean required) {
        Node node = field(map, key);
        if (node == null || isNull(node)) {
            if (required) {
                problem(node == null ? map : node, what + " is missing required field '" + key + "'; add '" + key
                        + ": <value>'.");
            }
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, "'" + key + "' of " + what + " must be a single value, not a list or mapping.");
            return null;
        }
        return scalar.getValue();
    }

    private List<String> scalarList(MappingNode map, String key, String what, boolean required) {
        Node node = field(map, key);
        if (node == null || isNull(node)) {
            if (required) {
                problem(node == null ? map : node, what + " is missing required field '" + key
                        + "'; add a list, e.g. '" + key + ": [value]'.");
            }
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            problem(node, "'" + key + "' of " + what + " must be a list, e.g. '" + key + ": [value]'.");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            if (item instanceof ScalarNode scalar) {
                values.add(scalar.getValue());
            } else {
                problem(item, "the items of '" + key + "' in " + what + " must be single values.");
            }
        }
        if (required && values.isEmpty() && sequence.getValue().isEmpty()) {
            problem(node, "'" + key + "' of " + what + " is empty; list at least one value.");
        }
        return values;
    }

    private Integer integer(MappingNode map, String key, String what) {
        String text = scalar(map, key, what, false);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            if (!text.contains("${")) {
                problem(field(map, key), "'" + key + "' of " + what + " must be a whole number, not '" + text + "'.");
            }
            return null;
        }
    }

    private Boolean bool(MappingNode map, String key, String what) {
        String text = scalar(map, key, what, false);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> {
                problem(field(map, key), "'" + key + "' of " + what + " must be true or false, not '" + text + "'.");
                yield null;
            }
        };
    }

    private Map<String, String> scalarMap(Node node, String what) {
        Map<String, String> values = new LinkedHashMap<>();
        javaMap(node, what).forEach((key, value) -> {
            if (value instanceof String || value == null) {
                values.put(key, (String) value);
            }
        });
        return values;
    }

    private Map<String, Object> javaMap(Node node, String what) {
        if (node == null || isNull(node)) {
            return new LinkedHashMap<>();
        }
        MappingNode map = mapping(node, what);
        if (map == null) {
            return new LinkedHashMap<>();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) toJava(map);
        return values;
    }

    /** Plain Java values (String, List, Map) kept as written: no dates, no implicit number types. */
    private Object toJava(Node node) {
        return toJava(node, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** @param path the anchored nodes being expanded: only those can recur, since an alias names an anchor */
    private Object toJava(Node node, Set<Node> path) {
        if (node instanceof ScalarNode scalar) {
            return isNull(scalar) ? null : scalar.getValue();
        }
        boolean anchored = node.getAnchor() != null;
        if (anchored && !path.add(node)) {
            problem(node, "a YAML alias refers to a value that contains itself; write the value out.");
            return null;
        }
        try {
            if (node instanceof SequenceNode sequence) {
                List<Object> list = new ArrayList<>();
                sequence.getValue().forEach(item -> list.add(toJava(item, path)));
                return list;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                map.put(keyOf(tuple), toJava(tuple.getValueNode(), path));
            }
            return map;
        } finally {
            if (anchored) {
                path.remove(node);
            }
        }
    }

    private static Node field(MappingNode map, String key) {
        NodeTuple tuple = tupleOf(map, key);
        return tuple == null ? null : tuple.getValueNode();
    }

    private static Node keyNodeOf(MappingNode map, String key) {
        NodeTuple tuple = tupleOf(map, key);
        return tuple == null ? null : tuple.getKeyNode();
    }

    private static NodeTuple tupleOf(MappingNode map, String key) {
        for (NodeTuple tuple : map.getValue()) {
            if (key.equals(keyOf(tuple))) {
                return tuple;
            }
        }
        return null;
    }

    private static String keyOf(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(tuple.getKeyNode());
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private SourcePosition position(Node node) {
        return document.positionOf(node);
    }

    private int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private int column(Node node) {
        return node.getStartMark().getColumn() + 1;
    }

    private void problem(Node node, String message) {
        problems.add(Problem.at(position(node), message));
    }
}
