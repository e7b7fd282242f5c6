package io.dataflow.picture;

import java.util.List;
import java.util.Locale;

/**
 * What a DAG picture shows, before layout: boxes, some of them groups holding boxes of their own, and arrows
 * between boxes of the same level. Built from a workflow by {@link DiagramBuilder}, placed by {@link ElkLayout},
 * drawn by {@link SvgWriter}.
 *
 * @param title the workflow id
 * @param subtitle the display name and schedule, or empty
 */
record Diagram(String title, String subtitle, List<Box> boxes, List<Arrow> arrows) {

    /** What a box stands for; the name is its CSS class in the SVG. */
    enum Kind {
        SPARK, METADATA, HWM, NOOP, SUBWORKFLOW, WAP(true), AUDIT, PUBLISH, FOREACH(true);

        private final boolean group;

        Kind() {
            this(false);
        }

        Kind(boolean group) {
            this.group = group;
        }

        boolean group() {
            return group;
        }

        String cssClass() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param key unique in the diagram: the step id for steps, {@code <wap id>/audit/<n>} and {@code <wap id>/publish}
     *     for the parts of a Write-Audit-Publish template (ids cannot contain '/')
     * @param stepId the workflow step it draws, or {@code null} for the audits and the publish of a template
     * @param title first line, bold: the step id, or the audit function
     * @param lines the lines below the title: the type first
     * @param children the boxes inside a group; empty for the others
     * @param arrows arrows between the children
     */
    record Box(String key, String stepId, Kind kind, String title, List<String> lines, List<Box> children,
            List<Arrow> arrows) {

        Box {
            lines = List.copyOf(lines);
            children = List.copyOf(children);
            arrows = List.copyOf(arrows);
        }

        static Box leaf(String key, String stepId, Kind kind, String title, List<String> lines) {
            return new Box(key, stepId, kind, title, lines, List.of(), List.of());
        }
    }

    /** @param dashed for a non-blocking audit: its failure does not stop the publish */
    record Arrow(String from, String to, boolean dashed) {}
}
