package io.dataflow.picture;

import io.dataflow.picture.Diagram.Box;
import io.dataflow.picture.ElkLayout.Layout;
import io.dataflow.picture.ElkLayout.Placed;
import io.dataflow.picture.ElkLayout.Point;
import io.dataflow.picture.ElkLayout.Route;
import java.util.List;
import java.util.Locale;

/**
 * Draws a laid-out {@link Diagram} as a standalone SVG 1.1 document: a heading (workflow id, name, schedule), group
 * frames, arrows, then the boxes on top. Every box's {@code <g>} carries {@code data-key} (see
 * {@link Diagram.Box#key()}), a step's also {@code data-step="<id>"}, and every arrow {@code data-from} and
 * {@code data-to} (box keys); styles live in one {@code <style>} block so the document stays small and readable.
 */
final class SvgWriter {

    private static final String CSS = """
            text { font-family: %s; fill: #1a202c; }
            .heading { font-size: %spx; font-weight: bold; }
            .subheading { font-size: %spx; fill: #4a5568; }
            .title { font-size: %spx; font-weight: bold; }
            .line { font-size: %spx; fill: #4a5568; }
            rect { stroke-width: 1.5; }
            .spark > rect { fill: #ebf4ff; stroke: #2b6cb0; }
            .metadata > rect { fill: #faf5ff; stroke: #6b46c1; }
            .hwm > rect { fill: #fffaf0; stroke: #b7791f; }
            .noop > rect { fill: #f7fafc; stroke: #a0aec0; stroke-dasharray: 4 3; }
            .subworkflow > rect { fill: #f0fff4; stroke: #2f855a; }
            .subworkflow > rect.inner { fill: none; stroke-width: 1; }
            .wap > rect { fill: #fffbeb; stroke: #c05621; stroke-width: 2; }
            .foreach > rect { fill: #f7fafc; stroke: #4a5568; stroke-width: 2; stroke-dasharray: 8 4; }
            .audit > rect { fill: #fff5f5; stroke: #c53030; }
            .audit.non-blocking > rect { fill: #fffff0; stroke: #b7791f; stroke-dasharray: 4 3; }
            .publish > rect { fill: #f0fff4; stroke: #2f855a; }
            .arrow { fill: none; stroke: #4a5568; stroke-width: 1.5; }
            .arrow.dashed { stroke-dasharray: 5 4; }
            #arrowhead path { fill: #4a5568; }
            """.formatted(Style.FONT_FAMILY, number(Style.HEADING_SIZE), number(Style.LINE_SIZE + 1),
            number(Style.TITLE_SIZE), number(Style.LINE_SIZE));

    private SvgWriter() {}

    static String write(Diagram diagram, Layout layout) {
        boolean hasSubtitle = !diagram.subtitle().isEmpty();
        double headingHeight = Style.HEADING_SIZE + (hasSubtitle ? Style.LINE_SIZE + 1 + Style.LINE_GAP + 2 : 0) + 16;
        double headingWidth = Math.max(Style.width(diagram.title(), Style.HEADING_SIZE),
                Style.width(diagram.subtitle(), Style.LINE_SIZE + 1));
        double width = Math.ceil(Math.max(layout.width(), headingWidth) + 2 * Style.MARGIN);
        double height = Math.ceil(headingHeight + layout.height() + 2 * Style.MARGIN);

        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(number(width))
                .append("\" height=\"").append(number(height)).append("\" viewBox=\"0 0 ").append(number(width))
                .append(' ').append(number(height)).append("\">\n");
        svg.append("<title>").append(escape(diagram.title())).append("</title>\n");
        svg.append("<defs>\n<style>\n").append(CSS).append("</style>\n");
        svg.append("<marker id=\"arrowhead\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" "
                + "markerHeight=\"8\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"/>"
                + "</marker>\n</defs>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(svg, "heading", Style.MARGIN, Style.MARGIN + Style.HEADING_SIZE * 0.8, diagram.title());
        if (hasSubtitle) {
            text(svg, "subheading", Style.MARGIN,
                    Style.MARGIN + Style.HEADING_SIZE + Style.LINE_GAP + 2 + (Style.LINE_SIZE + 1) * 0.8,
                    diagram.subtitle());
        }
        svg.append("<g transform=\"translate(").append(number(Style.MARGIN)).append(' ')
                .append(number(Style.MARGIN + headingHeight)).append(")\">\n");
        for (Placed group : layout.boxes()) {
            if (group.box().kind().group()) {
                box(svg, group);
            }
        }
        for (Route route : layout.routes()) {
            arrow(svg, route);
        }
        for (Placed leaf : layout.boxes()) {
            if (!leaf.box().kind().group()) {
                box(svg, leaf);
            }
        }
        svg.append("</g>\n</svg>\n");
        return svg.toString();
    }

    private static void box(StringBuilder svg, Placed placed) {
        Box box = placed.box();
        String cssClass = "box " + box.kind().cssClass()
                + (box.kind() == Diagram.Kind.AUDIT && box.lines().get(0).endsWith("non-blocking") ? " non-blocking" : "");
        svg.append("<g class=\"").append(cssClass).append("\" data-key=\"").append(escape(box.key())).append('"');
        if (box.stepId() != null) {
            svg.append(" data-step=\"").append(escape(box.stepId())).append('"');
        }
        svg.append(">\n<title>").append(escape(box.title() + " \u00b7 " + String.join(" \u00b7 ", box.lines())))
                .append("</title>\n");
        rect(svg, "outer", placed.x(), placed.y(), placed.width(), placed.height(), 6);
        if (box.kind() == Diagram.Kind.SUBWORKFLOW) {
            // A double frame: this box stands for a whole other workflow.
            rect(svg, "inner", placed.x() + 3, placed.y() + 3, placed.width() - 6, placed.height() - 6, 4);
        }
        double x = placed.x() + Style.PAD_X;
        double baseline = placed.y() + Style.PAD_Y + Style.TITLE_SIZE * 0.8;
        text(svg, "title", x, baseline, box.title());
        for (String line : box.lines()) {
            baseline += Style.LINE_SIZE + Style.LINE_GAP;
            text(svg, "line", x, baseline, line);
        }
        svg.append("</g>\n");
    }

    private static void rect(StringBuilder svg, String cssClass, double x, double y, double width, double height,
            double radius) {
        svg.append("<rect class=\"").append(cssClass).append("\" x=\"").append(number(x)).append("\" y=\"")
                .append(number(y)).append("\" width=\"").append(number(width)).append("\" height=\"")
                .append(number(height)).append("\" rx=\"").append(number(radius)).append("\"/>\n");
    }

    private static void arrow(StringBuilder svg, Route route) {
        List<Point> points = route.points();
        svg.append("<path class=\"arrow").append(route.arrow().dashed() ? " dashed" : "").append("\" data-from=\"")
                .append(escape(route.arrow().from())).append("\" data-to=\"").append(escape(route.arrow().to()))
                .append("\" d=\"");
        for (int i = 0; i < points.size(); i++) {
            svg.append(i == 0 ? "M" : " L").append(number(points.get(i).x())).append(',').append(number(points.get(i).y()));
        }
        svg.append("\" marker-end=\"url(#arrowhead)\"/>\n");
    }

    private static void text(StringBuilder svg, String cssClass, double x, double baseline, String text) {
        svg.append("<text class=\"").append(cssClass).append("\" x=\"").append(number(x)).append("\" y=\"")
                .append(number(baseline)).append("\">").append(escape(text)).append("</text>\n");
    }

    /** At most one decimal, no trailing {@code .0}, the same on every locale. */
    static String number(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
