package io.dataflow.picture;

import io.dataflow.picture.Diagram.Arrow;
import io.dataflow.picture.Diagram.Box;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.math.KVector;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.SizeConstraint;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Places a {@link Diagram} with Eclipse ELK's layered algorithm (Sugiyama style: layers top to bottom, few
 * crossings, orthogonal edges). Each group is laid out on its own and then placed as one box of its level.
 */
final class ElkLayout {

    /**
     * ELK's meta data service, shared by every caller in the JVM, caches option and algorithm lookups in plain hash
     * maps; one layout at a time keeps them consistent under {@code mvn -T}. A layout takes milliseconds.
     */
    private static final Object ELK_LOCK = new Object();

    private ElkLayout() {}

    /** A point of the picture, in pixels from the top left corner of the laid-out graph. */
    record Point(double x, double y) {}

    /** A box at its place; groups come before the boxes they hold. */
    record Placed(Box box, double x, double y, double width, double height) {}

    /** An arrow as a polyline from the side of one box to the side of the other. */
    record Route(Arrow arrow, List<Point> points) {}

    record Layout(double width, double height, List<Placed> boxes, List<Route> routes) {}

    static Layout layout(Diagram diagram) {
        ElkNode root = ElkGraphUtil.createGraph();
        configure(root);
        Map<ElkNode, Box> boxes = new IdentityHashMap<>();
        Map<ElkEdge, Arrow> arrows = new IdentityHashMap<>();
        add(root, diagram.boxes(), diagram.arrows(), boxes, arrows);
        synchronized (ELK_LOCK) {
            LayoutMetaDataService service = LayoutMetaDataService.getInstance();
            if (service.getAlgorithmData(LayeredOptions.ALGORITHM_ID) == null) {
                // The service finds algorithms through the thread's context class loader, which need not see ELK's
                // (a Maven plugin's realm): register the layered algorithm directly then.
                service.registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
            }
            new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        }
        List<Placed> placed = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        collect(root, 0, 0, boxes, arrows, placed, routes);
        return new Layout(root.getWidth(), root.getHeight(), placed, routes);
    }

    private static void configure(ElkNode graph) {
        graph.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        graph.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        graph.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        // Among equally good orders, keep the file's: audits and jobs appear in the order they are written.
        graph.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NODES_AND_EDGES);
        // Straight runs for chains of jobs, the common shape of a pipeline.
        graph.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.NETWORK_SIMPLEX);
        graph.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 40.0);
        graph.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 14.0);
        graph.setProperty(CoreOptions.SPACING_NODE_NODE, 20.0);
        graph.setProperty(CoreOptions.PADDING, new ElkPadding(0));
    }

    private static void add(ElkNode parent, List<Box> children, List<Arrow> childArrows, Map<ElkNode, Box> boxes,
            Map<ElkEdge, Arrow> arrows) {
        Map<String, ElkNode> byKey = new HashMap<>();
        for (Box box : children) {
            ElkNode node = ElkGraphUtil.createNode(parent);
            double textWidth = Style.textWidth(box.title(), box.lines()) + 2 * Style.PAD_X;
            double textHeight = Style.textHeight(box.lines().size()) + 2 * Style.PAD_Y;
            if (box.kind().group()) {
                configure(node);
                // The group's title and lines sit above its boxes; the group is at least as wide as they are.
                node.setProperty(CoreOptions.PADDING,
                        new ElkPadding(textHeight, Style.PAD_X + 2, Style.PAD_Y + 4, Style.PAD_X + 2));
                node.setProperty(CoreOptions.NODE_SIZE_CONSTRAINTS, EnumSet.of(SizeConstraint.MINIMUM_SIZE));
                node.setProperty(CoreOptions.NODE_SIZE_MINIMUM, new KVector(textWidth, textHeight));
                add(node, box.children(), box.arrows(), boxes, arrows);
            } else {
                node.setDimensions(textWidth, textHeight);
            }
            boxes.put(node, box);
            byKey.put(box.key(), node);
        }
        for (Arrow arrow : childArrows) {
            ElkNode from = byKey.get(arrow.from());
            ElkNode to = byKey.get(arrow.to());
            if (from == null || to == null) {
                throw new IllegalArgumentException("Arrow " + arrow.from() + " -> " + arrow.to()
                        + " joins a box that is not beside it; only workflows without problems can be drawn.");
            }
            arrows.put(ElkGraphUtil.createSimpleEdge(from, to), arrow);
        }
    }

    /** Child positions and the edges a node contains are relative to that node: add up the offsets. */
    private static void collect(ElkNode parent, double offsetX, double offsetY, Map<ElkNode, Box> boxes,
            Map<ElkEdge, Arrow> arrows, List<Placed> placed, List<Route> routes) {
        for (ElkNode child : parent.getChildren()) {
            double x = offsetX + child.getX();
            double y = offsetY + child.getY();
            placed.add(new Placed(boxes.get(child), x, y, child.getWidth(), child.getHeight()));
            collect(child, x, y, boxes, arrows, placed, routes);
        }
        for (ElkEdge edge : parent.getContainedEdges()) {
            for (ElkEdgeSection section : edge.getSections()) {
                List<Point> points = new ArrayList<>();
                points.add(new Point(offsetX + section.getStartX(), offsetY + section.getStartY()));
                for (ElkBendPoint bend : section.getBendPoints()) {
                    points.add(new Point(offsetX + bend.getX(), offsetY + bend.getY()));
                }
                points.add(new Point(offsetX + section.getEndX(), offsetY + section.getEndY()));
                routes.add(new Route(arrows.get(edge), points));
            }
        }
    }
}
