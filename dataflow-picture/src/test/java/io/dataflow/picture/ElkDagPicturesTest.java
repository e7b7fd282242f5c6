package io.dataflow.picture;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.core.workflow.Step;
import io.dataflow.core.workflow.Workflow;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

class ElkDagPicturesTest {

    private final ElkDagPictures pictures = new ElkDagPictures();

    private RenderedSvg draw(Workflow workflow) throws Exception {
        return RenderedSvg.parse(pictures.svg(workflow).orElseThrow());
    }

    @Test
    void theSvgParsesRendersWithBatikAndShowsEveryJobWithItsType() throws Exception {
        Workflow workflow = Workflows.everything();
        RenderedSvg svg = draw(workflow);

        assertThat(svg.root().getLocalName()).isEqualTo("svg");
        List<String> stepIds = workflow.allSteps().stream().map(Step::id).toList();
        assertThat(stepIds).hasSize(12);
        assertThat(svg.boxes().stream().map(box -> box.getAttribute("data-step")).filter(id -> !id.isEmpty()))
                .containsExactlyInAnyOrderElementsOf(stepIds);
        assertThat(svg.texts()).containsAll(stepIds);
        Map<String, List<String>> linesByStep = new HashMap<>();
        for (Element box : svg.boxes()) {
            linesByStep.put(box.getAttribute("data-key"), texts(box));
        }
        assertThat(linesByStep.get("ddl")).containsExactly("ddl", "Spark \u00b7 SQL", "create_tables.sql");
        assertThat(linesByStep.get("stage_orders")).containsExactly("stage_orders", "Spark \u00b7 JAR",
                "\u2026shop.orders.staging.StageDailyOrders");
        assertThat(linesByStep.get("enrich_orders")).containsExactly("enrich_orders", "Spark \u00b7 Python",
                "enrichment.orders:main");
        assertThat(linesByStep.get("metadata")).containsExactly("metadata", "Metadata",
                "prod/${TARGET_DB}/orders +1 more");
        assertThat(linesByStep.get("hwm")).containsExactly("hwm", "HWM", "prod/${TARGET_DB}/orders");
        assertThat(linesByStep.get("done")).containsExactly("done", "NoOp");
        assertThat(linesByStep.get("orders/audit/1")).containsExactly("row_count_should_be_between",
                "audit \u00b7 non-blocking");

        float width = Float.parseFloat(svg.root().getAttribute("width"));
        float height = Float.parseFloat(svg.root().getAttribute("height"));
        BufferedImage png = svg.png(2f);
        assertThat(png.getWidth()).isEqualTo(Math.round(2 * width));
        assertThat(png.getHeight()).isEqualTo(Math.round(2 * height));
        // The fills of the style sheet reach the pixels: Spark jobs, both groups' backgrounds, audits, publishes.
        Map<Integer, Integer> pixels = histogram(png);
        for (int fill : new int[] {0xebf4ff, 0xfffbeb, 0xf7fafc, 0xfff5f5, 0xfffff0, 0xf0fff4, 0xfaf5ff}) {
            assertThat(pixels.getOrDefault(fill, 0)).as("pixels of fill #%06x", fill).isGreaterThan(2000);
        }
    }

    @Test
    void arrowsAreTheDagsEdgesAndTheTemplatesWriteAuditPublishOrder() throws Exception {
        RenderedSvg svg = draw(Workflows.everything());

        Set<String> arrows = svg.elements("path").stream().filter(path -> path.getAttribute("class").startsWith("arrow"))
                .map(path -> path.getAttribute("data-from") + " -> " + path.getAttribute("data-to")
                        + (path.getAttribute("class").contains("dashed") ? " (dashed)" : ""))
                .collect(Collectors.toSet());
        assertThat(arrows).containsExactlyInAnyOrder(
                // the workflow's dag
                "ddl -> metadata", "metadata -> orders", "orders -> hwm", "hwm -> done", "ddl -> refunds",
                "refunds -> done", "catch_up -> done",
                // the foreach's own dag
                "run_main -> check",
                // wap: the write jobs in order, every audit after them, the publish after every audit
                "stage_orders -> enrich_orders", "enrich_orders -> orders/audit/0", "enrich_orders -> orders/audit/1",
                "orders/audit/0 -> orders/publish", "orders/audit/1 -> orders/publish (dashed)",
                // wap without audits: publish right after the write
                "write_refunds -> refunds/publish");
    }

    @Test
    void everyArrowRunsFromTheBorderOfOneBoxToTheBorderOfTheOther() throws Exception {
        RenderedSvg svg = draw(Workflows.everything());
        Map<String, Rectangle2D> frames = frames(svg);

        List<Element> arrows = svg.elements("path").stream()
                .filter(path -> path.getAttribute("class").startsWith("arrow")).toList();
        assertThat(arrows).hasSize(14);
        for (Element arrow : arrows) {
            List<double[]> points = points(arrow.getAttribute("d"));
            String from = arrow.getAttribute("data-from");
            String to = arrow.getAttribute("data-to");
            assertThat(onBorder(frames.get(from), points.get(0))).as("%s -> %s starts on %s", from, to, from).isTrue();
            assertThat(onBorder(frames.get(to), points.get(points.size() - 1))).as("%s -> %s ends on %s", from, to, to)
                    .isTrue();
        }
    }

    @Test
    void templatesAndForeachBodiesAreGroupsAroundTheirBoxes() throws Exception {
        RenderedSvg svg = draw(Workflows.everything());
        Map<String, Rectangle2D> frames = frames(svg);
        Map<String, Element> boxes = svg.boxes().stream()
                .collect(Collectors.toMap(box -> box.getAttribute("data-key"), box -> box));

        assertThat(boxes.get("orders").getAttribute("class")).isEqualTo("box wap");
        assertThat(texts(boxes.get("orders"))).containsExactly("orders", "wap \u00b7 Write-Audit-Publish",
                "${TARGET_DB}.orders");
        for (String part : List.of("stage_orders", "enrich_orders", "orders/audit/0", "orders/audit/1", "orders/publish")) {
            assertThat(frames.get("orders").contains(frames.get(part))).as("%s inside orders", part).isTrue();
        }
        assertThat(frames.get("refunds").contains(frames.get("refunds/publish"))).isTrue();
        assertThat(boxes.get("catch_up").getAttribute("class")).isEqualTo("box foreach");
        assertThat(texts(boxes.get("catch_up"))).containsExactly("catch_up", "foreach \u00b7 for each date in ${DATES}");
        assertThat(frames.get("catch_up").contains(frames.get("run_main"))).isTrue();
        assertThat(frames.get("catch_up").contains(frames.get("check"))).isTrue();
        for (String outside : List.of("ddl", "metadata", "hwm", "done")) {
            for (String group : List.of("orders", "refunds", "catch_up")) {
                assertThat(frames.get(group).intersects(frames.get(outside))).as("%s apart from %s", outside, group)
                        .isFalse();
            }
        }
        // A subworkflow has a double frame and names the workflow it runs.
        Element subworkflow = boxes.get("run_main");
        assertThat(subworkflow.getAttribute("class")).isEqualTo("box subworkflow");
        assertThat(subworkflow.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").getLength()).isEqualTo(2);
        assertThat(texts(subworkflow)).containsExactly("run_main", "subworkflow", "\u2192 shop.orders.main");
    }

    static Stream<Path> allWorkflows() throws Exception {
        Path everything = Path.of(ElkDagPicturesTest.class.getResource("/workflows/everything.sch.yaml").toURI());
        return Stream.concat(Stream.of(everything), Workflows.samples());
    }

    @ParameterizedTest
    @MethodSource("allWorkflows")
    void labelsFitInsideTheirBoxesAsBatikLaysThemOutWithRealFonts(Path file) throws Exception {
        RenderedSvg svg = draw(Workflows.load(file));

        List<RenderedSvg.LabelInBox> labels = svg.labelsInBoxes();
        assertThat(labels).hasSizeGreaterThan(svg.boxes().size());
        for (RenderedSvg.LabelInBox label : labels) {
            assertThat(label.inside()).as("'%s' at %s inside its box %s", label.text(), label.bounds(), label.frame())
                    .isTrue();
        }
    }

    @Test
    void theSameWorkflowGivesTheSameBytesAlsoWhenDrawnByManyThreadsAtOnce() throws Exception {
        List<Workflow> workflows = Stream.concat(Stream.of(Workflows.everything()),
                Workflows.samples().map(Workflows::load)).toList();
        List<String> alone = workflows.stream().map(workflow -> pictures.svg(workflow).orElseThrow()).toList();

        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<String>>> tasks = new ArrayList<>();
            for (int task = 0; task < 4; task++) {
                tasks.add(() -> workflows.stream().map(workflow -> new ElkDagPictures().svg(workflow).orElseThrow())
                        .toList());
            }
            for (Future<List<String>> together : threads.invokeAll(tasks)) {
                assertThat(together.get()).isEqualTo(alone);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void textOfTheFileIsEscaped() throws Exception {
        RenderedSvg svg = draw(Workflows.everything());

        assertThat(svg.text).contains("Orders &lt;daily&gt; &amp; &quot;refunds&quot;");
        assertThat(svg.texts()).contains("Orders <daily> & \"refunds\"  \u00b7  cron 0 2 * * *");
    }

    private static List<String> texts(Element box) {
        List<String> texts = new ArrayList<>();
        var nodes = box.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getParentNode() == box) {
                texts.add(nodes.item(i).getTextContent());
            }
        }
        return texts;
    }

    /** Each box's outer frame by key, in the coordinates the arrows use. */
    private static Map<String, Rectangle2D> frames(RenderedSvg svg) {
        Map<String, Rectangle2D> frames = new HashMap<>();
        for (Element box : svg.boxes()) {
            Element rect = (Element) box.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").item(0);
            frames.put(box.getAttribute("data-key"), new Rectangle2D.Double(
                    Double.parseDouble(rect.getAttribute("x")), Double.parseDouble(rect.getAttribute("y")),
                    Double.parseDouble(rect.getAttribute("width")), Double.parseDouble(rect.getAttribute("height"))));
        }
        return frames;
    }

    /** The points of a path written {@code M x,y L x,y …}. */
    private static List<double[]> points(String path) {
        List<double[]> points = new ArrayList<>();
        for (String point : path.replace("M", "").split(" L")) {
            String[] xy = point.trim().split(",");
            points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return points;
    }

    private static boolean onBorder(Rectangle2D frame, double[] point) {
        double tolerance = 1;
        boolean withinX = point[0] >= frame.getMinX() - tolerance && point[0] <= frame.getMaxX() + tolerance;
        boolean withinY = point[1] >= frame.getMinY() - tolerance && point[1] <= frame.getMaxY() + tolerance;
        boolean onVerticalSide = Math.abs(point[0] - frame.getMinX()) <= tolerance
                || Math.abs(point[0] - frame.getMaxX()) <= tolerance;
        boolean onHorizontalSide = Math.abs(point[1] - frame.getMinY()) <= tolerance
                || Math.abs(point[1] - frame.getMaxY()) <= tolerance;
        return withinX && withinY && (onVerticalSide || onHorizontalSide);
    }

    private static Map<Integer, Integer> histogram(BufferedImage image) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                counts.merge(image.getRGB(x, y) & 0xffffff, 1, Integer::sum);
            }
        }
        return counts;
    }
}
