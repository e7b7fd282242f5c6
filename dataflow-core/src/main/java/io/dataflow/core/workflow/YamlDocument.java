package io.dataflow.core.workflow;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A safely composed YAML file: its exact text (kept for text-level rendering), the node tree with source
 * marks, and every distinct scalar node in document order (where references may appear).
 */
public final class YamlDocument {

    private final Path file;
    private final String text;
    private final Node root;
    private final List<ScalarNode> scalars;
    private final int[] lineStarts;
    private final boolean onlyBmp;

    YamlDocument(Path file, String text, Node root, List<ScalarNode> scalars) {
        this.file = file;
        this.text = text;
        this.root = root;
        this.scalars = List.copyOf(scalars);
        this.lineStarts = lineStarts(text);
        this.onlyBmp = text.codePointCount(0, text.length()) == text.length();
    }

    public Path file() {
        return file;
    }

    public String text() {
        return text;
    }

    /** The root node, or {@code null} for an empty document. */
    public Node root() {
        return root;
    }

    public List<ScalarNode> scalars() {
        return scalars;
    }

    /** The char offset in {@link #text()} of a mark (SnakeYAML counts code points). */
    public int offsetOf(Mark mark) {
        return onlyBmp ? mark.getIndex() : text.offsetByCodePoints(0, mark.getIndex());
    }

    public SourcePosition positionOf(Node node) {
        Mark mark = node.getStartMark();
        return new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** The 1-based line and column of a char offset in {@link #text()}. */
    public SourcePosition positionOfOffset(int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        int line = index >= 0 ? index : -index - 2;
        return new SourcePosition(file, line + 1, offset - lineStarts[line] + 1);
    }

    private static int[] lineStarts(String text) {
        // indexOf rather than a loop over every char: it is vectorised once compiled, and one pass either way.
        int[] starts = new int[Math.max(16, text.length() / 32)];
        int lines = 1;
        for (int at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
            if (lines == starts.length) {
                starts = Arrays.copyOf(starts, lines * 2);
            }
            starts[lines++] = at + 1;
        }
        return Arrays.copyOf(starts, lines);
    }
}
