package io.dataflow.picture;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.batik.anim.dom.SAXSVGDocumentFactory;
import org.apache.batik.bridge.BridgeContext;
import org.apache.batik.bridge.DocumentLoader;
import org.apache.batik.bridge.GVTBuilder;
import org.apache.batik.bridge.UserAgentAdapter;
import org.apache.batik.gvt.GraphicsNode;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.apache.batik.util.XMLResourceDescriptor;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.w3c.dom.svg.SVGDocument;

/**
 * An SVG document checked the way a reader's tools see it: parsed by the JDK's XML parser (no DTDs, no external
 * entities), laid out by Apache Batik with the fonts of this machine, and rendered by Batik to a PNG.
 */
final class RenderedSvg {

    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    final String text;
    final Document xml;

    private RenderedSvg(String text, Document xml) {
        this.text = text;
        this.xml = xml;
    }

    /** @throws Exception when the text is not well-formed XML */
    static RenderedSvg parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document document = factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new StringReader(svg)));
        return new RenderedSvg(svg, document);
    }

    Element root() {
        return xml.getDocumentElement();
    }

    List<Element> elements(String localName) {
        NodeList nodes = xml.getElementsByTagNameNS(SVG_NS, localName);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** Every {@code <text>}'s content, in document order. */
    List<String> texts() {
        return elements("text").stream().map(Element::getTextContent).toList();
    }

    /** The {@code <g>} of each box, in document order. */
    List<Element> boxes() {
        return elements("g").stream().filter(g -> g.getAttribute("class").startsWith("box ")).toList();
    }

    /** Renders with Batik's PNG transcoder at {@code scale} times the document's size. */
    BufferedImage png(float scale) {
        return decode(pngBytes(scale));
    }

    byte[] pngBytes(float scale) {
        PNGTranscoder transcoder = new PNGTranscoder();
        transcoder.addTranscodingHint(PNGTranscoder.KEY_WIDTH,
                scale * Float.parseFloat(root().getAttribute("width")));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            transcoder.transcode(new TranscoderInput(new StringReader(text)), new TranscoderOutput(png));
        } catch (org.apache.batik.transcoder.TranscoderException e) {
            throw new IllegalStateException("Batik cannot render the picture: " + e.getMessage(), e);
        }
        return png.toByteArray();
    }

    private static BufferedImage decode(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where Batik puts each box's texts with real fonts, against the box's frame: the user-space bounds of every
     * {@code <text>} of every box, paired with the box's first {@code <rect>}.
     */
    List<LabelInBox> labelsInBoxes() throws IOException {
        UserAgentAdapter agent = new UserAgentAdapter();
        BridgeContext context = new BridgeContext(agent, new DocumentLoader(agent));
        context.setDynamicState(BridgeContext.DYNAMIC);
        SAXSVGDocumentFactory factory = new SAXSVGDocumentFactory(XMLResourceDescriptor.getXMLParserClassName());
        SVGDocument document = factory.createSVGDocument("file:///picture.svg", new StringReader(text));
        new GVTBuilder().build(context, document);
        List<LabelInBox> labels = new ArrayList<>();
        NodeList groups = document.getElementsByTagNameNS(SVG_NS, "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element group = (Element) groups.item(i);
            if (!group.getAttribute("class").startsWith("box ")) {
                continue;
            }
            Element rect = (Element) group.getElementsByTagNameNS(SVG_NS, "rect").item(0);
            Rectangle2D frame = new Rectangle2D.Double(number(rect, "x"), number(rect, "y"), number(rect, "width"),
                    number(rect, "height"));
            NodeList texts = group.getElementsByTagNameNS(SVG_NS, "text");
            for (int t = 0; t < texts.getLength(); t++) {
                Element text = (Element) texts.item(t);
                if (text.getParentNode() != group) {
                    continue; // a box inside a group: checked against its own frame
                }
                GraphicsNode node = context.getGraphicsNode(text);
                labels.add(new LabelInBox(text.getTextContent(), node.getGeometryBounds(), frame));
            }
        }
        context.dispose();
        return labels;
    }

    private static double number(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }

    record LabelInBox(String text, Rectangle2D bounds, Rectangle2D frame) {
        boolean inside() {
            return frame.contains(bounds);
        }
    }
}
