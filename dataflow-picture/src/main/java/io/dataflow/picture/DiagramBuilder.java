package io.dataflow.picture;

import io.dataflow.core.workflow.SparkProgram;
import io.dataflow.core.workflow.Step;
import io.dataflow.core.workflow.Workflow;
import io.dataflow.picture.Diagram.Arrow;
import io.dataflow.picture.Diagram.Box;
import io.dataflow.picture.Diagram.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a workflow into a {@link Diagram}: one box per step labelled with its id and type, a group per
 * Write-Audit-Publish template (its write jobs, then each audit, then the publish) and per foreach (its body with
 * its own dag), and an arrow per dag edge.
 */
final class DiagramBuilder {

    /** Longer detail lines (class names, table lists) keep their end, where the distinctive part is. */
    private static final int MAX_DETAIL = 40;
    private static final Pattern S3_FILE = Pattern.compile("\\$S3\\{(.*)}");

    private DiagramBuilder() {}

    static Diagram of(Workflow workflow) {
        List<String> subtitle = new ArrayList<>();
        if (workflow.name() != null && !workflow.name().isBlank()) {
            subtitle.add(workflow.name());
        }
        if (workflow.trigger() != null && workflow.trigger().cron() != null) {
            subtitle.add("cron " + workflow.trigger().cron());
        }
        return new Diagram(workflow.id(), String.join("  \u00b7  ", subtitle),
                workflow.jobs().stream().map(DiagramBuilder::box).toList(), arrows(workflow.dag()));
    }

    private static List<Arrow> arrows(List<Workflow.Edge> dag) {
        return dag.stream().map(edge -> new Arrow(edge.from(), edge.to(), false)).toList();
    }

    private static Box box(Step step) {
        if (step instanceof Step.SparkJob spark) {
            return leaf(spark, Kind.SPARK, programKind(spark.program()), programDetail(spark.program()));
        } else if (step instanceof Step.MetadataJob metadata) {
            return leaf(metadata, Kind.METADATA, "Metadata", tables(metadata.tables()));
        } else if (step instanceof Step.HwmJob hwm) {
            return leaf(hwm, Kind.HWM, "HWM", hwm.table());
        } else if (step instanceof Step.NoOpJob noOp) {
            return leaf(noOp, Kind.NOOP, "NoOp", null);
        } else if (step instanceof Step.Subworkflow sub) {
            return leaf(sub, Kind.SUBWORKFLOW, "subworkflow", "\u2192 " + sub.workflow());
        } else if (step instanceof Step.WapTemplate wap) {
            return wap(wap);
        } else if (step instanceof Step.Foreach foreach) {
            return new Box(foreach.id(), foreach.id(), Kind.FOREACH, foreach.id(),
                    List.of("foreach \u00b7 for each " + loop(foreach.params())),
                    foreach.jobs().stream().map(DiagramBuilder::box).toList(), arrows(foreach.dag()));
        }
        throw new IllegalArgumentException("No picture for a step of type " + step.getClass().getSimpleName());
    }

    private static Box leaf(Step step, Kind kind, String type, String detail) {
        List<String> lines = new ArrayList<>();
        lines.add(type);
        if (detail != null && !detail.isBlank()) {
            lines.add(abbreviate(detail));
        }
        return Box.leaf(step.id(), step.id(), kind, step.id(), lines);
    }

    /** Write jobs in order, then every audit on the written data, then the publish that the audits guard. */
    private static Box wap(Step.WapTemplate wap) {
        List<Box> children = new ArrayList<>();
        List<Arrow> arrows = new ArrayList<>();
        String previous = null;
        for (Step write : wap.writeJobs()) {
            children.add(box(write));
            if (previous != null) {
                arrows.add(new Arrow(previous, write.id(), false));
            }
            previous = write.id();
        }
        String publish = wap.id() + "/publish";
        for (int i = 0; i < wap.audits().size(); i++) {
            Step.Audit audit = wap.audits().get(i);
            String key = wap.id() + "/audit/" + i;
            children.add(Box.leaf(key, null, Kind.AUDIT, audit.function().functionName(),
                    List.of(audit.blocking() ? "audit \u00b7 blocking" : "audit \u00b7 non-blocking")));
            if (previous != null) {
                arrows.add(new Arrow(previous, key, false));
            }
            arrows.add(new Arrow(key, publish, !audit.blocking()));
        }
        children.add(Box.leaf(publish, null, Kind.PUBLISH, "publish",
                List.of(wap.audits().isEmpty() ? "after the write" : "when blocking audits pass")));
        if (wap.audits().isEmpty() && previous != null) {
            arrows.add(new Arrow(previous, publish, false));
        }
        return new Box(wap.id(), wap.id(), Kind.WAP, wap.id(),
                List.of("wap \u00b7 Write-Audit-Publish", abbreviate(tables(wap.tables()))), children, arrows);
    }

    private static String programKind(SparkProgram program) {
        if (program instanceof SparkProgram.SqlScript) {
            return "Spark \u00b7 SQL";
        } else if (program instanceof SparkProgram.JarProgram) {
            return "Spark \u00b7 JAR";
        }
        return program instanceof SparkProgram.PythonProgram ? "Spark \u00b7 Python" : "Spark";
    }

    private static String programDetail(SparkProgram program) {
        if (program instanceof SparkProgram.SqlScript sql) {
            return fileName(sql.script());
        } else if (program instanceof SparkProgram.JarProgram jar) {
            return jar.mainClass();
        } else if (program instanceof SparkProgram.PythonProgram python) {
            return python.entry() != null ? python.entry() : fileName(python.python());
        }
        return null;
    }

    /** {@code $S3{./ddl/create.sql}} and {@code ddl/create.sql} give {@code create.sql}; references stay as written. */
    private static String fileName(String location) {
        if (location == null) {
            return null;
        }
        Matcher s3 = S3_FILE.matcher(location.trim());
        String path = s3.matches() ? s3.group(1) : location.trim();
        return path.contains("${") ? path : path.substring(path.lastIndexOf('/') + 1);
    }

    private static String tables(List<String> tables) {
        if (tables == null || tables.isEmpty()) {
            return null;
        }
        return tables.get(0) + (tables.size() > 1 ? " +" + (tables.size() - 1) + " more" : "");
    }

    private static String loop(Map<String, Object> params) {
        return params.entrySet().stream().map(param -> param.getKey() + " in " + param.getValue())
                .collect(Collectors.joining(", "));
    }

    /** Drops whole leading segments ({@code com.example.} of a class name) until the text fits, marked by '…'. */
    private static String abbreviate(String text) {
        if (text == null || text.length() <= MAX_DETAIL) {
            return text;
        }
        String tail = text.substring(text.length() - MAX_DETAIL + 1);
        int segment = tail.indexOf('.') + 1;
        return "\u2026" + (segment > 0 && segment < tail.length() ? tail.substring(segment) : tail);
    }
}
