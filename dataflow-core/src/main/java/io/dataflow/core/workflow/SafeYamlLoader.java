package io.dataflow.core.workflow;

import io.dataflow.core.EnvironmentException;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes workflow files into YAML nodes with every defence against hostile input switched on: no custom
 * types (composing builds no objects at all, the SafeConstructor's guarantee and more, and global tags are refused), few aliases to collections
 * and a bounded size once aliases are expanded (billion laughs), limited nesting, limited size, and duplicate keys
 * rejected (SnakeYAML only checks them when constructing objects, so we check the node tree ourselves).
 */
public final class SafeYamlLoader {

    public static final int MAX_ALIASES_FOR_COLLECTIONS = 50;
    public static final int MAX_NESTING_DEPTH = 50;
    public static final int MAX_CODE_POINTS = 3 * 1024 * 1024;

    /**
     * How many nodes a document may hold once every alias is expanded, as the parser's plain values expand them.
     * The alias limit alone does not bound this: 48 aliases, three to each of 16 nested lists, expand a file of a
     * few hundred bytes to 43 million lists. A file in ordinary block style, with no aliases, needs several
     * megabytes to come near this limit, so in practice only repetition through aliases reaches it.
     */
    public static final int MAX_EXPANDED_NODES = 1_000_000;

    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    /**
     * Workflow values are text: only null needs recognising (ints, floats, booleans and timestamps stay
     * strings, so nothing is converted behind the user's back). Null is recognised exactly as SnakeYAML's own
     * patterns do ({@code ~}, {@code null}, {@code Null}, {@code NULL}, a lone space, or nothing), but without
     * running a regular expression for every scalar: SnakeYAML matches patterns registered for "any first
     * character", as the empty-value one is, against every plain scalar.
     */
    private static final Resolver NULL_ONLY = new Resolver() {
        @Override
        protected void addImplicitResolvers() {
            // None: resolve() below is the whole rule.
        }

        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            return switch (kind) {
                case scalar -> implicit && isNull(value) ? Tag.NULL : Tag.STR;
                case sequence -> Tag.SEQ;
                default -> Tag.MAP;
            };
        }
    };

    private SafeYamlLoader() {}

    private static boolean isNull(String plainScalar) {
        return switch (plainScalar) {
            case "", "~", "null", "Null", "NULL", " " -> true;
            default -> false;
        };
    }

    /** The result of a load: a document, or the problems that prevented composing one. */
    public record Loaded(YamlDocument document, List<Problem> problems) {
        public boolean ok() {
            return document != null && problems.isEmpty();
        }
    }

    /**
     * Reads and composes {@code file}. User errors (bad YAML, too large, duplicate keys) come back as problems;
     * an unreadable file is an {@link EnvironmentException}.
     */
    public static Loaded load(Path file) {
        String text;
        // A plain FileInputStream: opening and reading it costs half of what Files.readAllBytes does, which
        // shows when a build reads a thousand workflow files.
        File handle = file.toFile();
        try (FileInputStream in = new FileInputStream(handle)) {
            long size = handle.length();
            if (size > MAX_CODE_POINTS) {
                return failed(new Problem(file, 1, 1, "the file is " + size + " bytes; workflow files are limited to "
                        + MAX_CODE_POINTS + " bytes. Split it into smaller workflows (use subworkflow jobs)."));
            }
            text = strictUtf8(in.readAllBytes());
        } catch (CharacterCodingException e) {
            return failed(new Problem(file, 1, 1, "the file is not valid UTF-8 text. Save it as UTF-8."));
        } catch (FileNotFoundException e) {
            if (Files.notExists(file)) {
                return failed(new Problem(file, 1, 1, "the workflow file does not exist."));
            }
            throw new EnvironmentException("Cannot read workflow file " + file + ": " + e, e);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read workflow file " + file + ": " + e, e);
        }
        return compose(file, text);
    }

    /**
     * The bytes as UTF-8 text, refusing malformed input. The lenient decoder is much faster (an ASCII file is
     * copied, not decoded); only text holding its replacement character needs the strict check.
     */
    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf(REPLACEMENT_CHARACTER) >= 0) {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        }
        return text;
    }

    /** Composes YAML text that claims to come from {@code file} (used for messages only). */
    public static Loaded compose(Path file, String text) {
        return compose(file, text, MAX_CODE_POINTS);
    }

    /** With a smaller code point limit, so tests need not build megabytes of text. */
    static Loaded compose(Path file, String text, int codePointLimit) {
        return compose(file, text, codePointLimit, MAX_EXPANDED_NODES);
    }

    /** With smaller limits, so tests need not build megabytes of text or millions of nodes. */
    static Loaded compose(Path file, String text, int codePointLimit, long expandedNodeLimit) {
        Node root;
        try {
            root = newComposer(text, codePointLimit).getSingleNode();
        } catch (MarkedYAMLException e) {
            return failed(problemOf(file, e));
        } catch (YAMLException e) {
            return failed(new Problem(file, 1, 1, describe(e)));
        } catch (StackOverflowError e) {
            return failed(new Problem(file, 1, 1, "the YAML is nested too deeply; flatten it."));
        }
        Inspection inspection = new Inspection(file, expandedNodeLimit);
        if (root != null && inspection.visit(root) > expandedNodeLimit) {
            return failed(inspection.tooManyNodes());
        }
        return new Loaded(new YamlDocument(file, text, root, inspection.scalars), List.copyOf(inspection.problems));
    }

    /**
     * A composer straight over the parser: no {@code Yaml} facade and no constructor at all, so no object of
     * any type is ever built from the input, only nodes.
     */
    private static Composer newComposer(String text, int codePointLimit) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(codePointLimit);
        options.setMergeOnCompose(false);
        // The default TagInspector refuses every global tag such as !!javax.script.ScriptEngineManager.
        return new Composer(new ParserImpl(new StreamReader(text), options), NULL_ONLY, options);
    }

    /**
     * One walk over every distinct node, in document order (a node is visited where it is written, which is
     * before any alias of it): collects the scalars, rejects duplicate keys, merge keys and non-standard tags,
     * and adds up how many nodes the document holds once every alias is expanded.
     */
    private static final class Inspection {

        /** Mappings up to this size look for a duplicate key by scanning; larger ones use a hash map. */
        private static final int SCANNED_MAPPING_SIZE = 16;
        private static final long IN_PROGRESS = -1;

        private final Path file;
        private final long nodeLimit;
        private final List<ScalarNode> scalars = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();
        /**
         * Expanded sizes of anchored nodes: only these can be shared, since an alias always names an anchor.
         * Most workflow files have none, so walking them needs no identity set at all.
         */
        private final Map<Node, Long> anchored = new IdentityHashMap<>();
        /** The node at which the expanded size first passed the limit, and that node's own expanded size. */
        private Node overflowAt;
        private long overflowSize;
        private boolean aliased;

        Inspection(Path file, long nodeLimit) {
            this.file = file;
            this.nodeLimit = nodeLimit;
        }

        /** The node's size with every alias expanded, or just above the limit once that is passed. */
        long visit(Node node) {
            boolean isAnchored = node.getAnchor() != null;
            if (isAnchored) {
                Long known = anchored.get(node);
                if (known != null) {
                    aliased = true;
                    // One to a node still being walked is recursive: the parser refuses it as a value.
                    return known == IN_PROGRESS ? 1 : known;
                }
                anchored.put(node, IN_PROGRESS);
            }
            if (!isStandard(node.getTag())) {
                problems.add(problemAt(file, node.getStartMark(), "the tag " + node.getTag()
                        + " is not allowed in workflow files; remove it (only plain YAML values are accepted)."));
            }
            long size = 1;
            if (node instanceof ScalarNode scalar) {
                scalars.add(scalar);
            } else if (node instanceof SequenceNode sequence) {
                for (Node item : sequence.getValue()) {
                    size = add(size, item);
                }
            } else if (node instanceof MappingNode mapping) {
                List<NodeTuple> tuples = mapping.getValue();
                Map<String, Node> keys = tuples.size() > SCANNED_MAPPING_SIZE ? new HashMap<>() : null;
                for (int i = 0; i < tuples.size(); i++) {
                    Node key = tuples.get(i).getKeyNode();
                    checkKey(key, keys, tuples, i);
                    size = add(size, key);
                    size = add(size, tuples.get(i).getValueNode());
                }
            }
            if (isAnchored) {
                anchored.put(node, size);
            }
            return size;
        }

        private long add(long size, Node child) {
            long childSize = visit(child);
            long sum = size + childSize;
            if (sum <= nodeLimit) {
                return sum;
            }
            if (overflowAt == null) {
                overflowAt = child;
                overflowSize = childSize;
            }
            return nodeLimit + 1;
        }

        private void checkKey(Node key, Map<String, Node> keys, List<NodeTuple> tuples, int index) {
            if (!(key instanceof ScalarNode scalarKey)) {
                problems.add(problemAt(file, key.getStartMark(),
                        "only plain text keys are allowed; use a simple name as the key."));
                return;
            }
            String name = scalarKey.getValue();
            if (Tag.MERGE.equals(key.getTag()) || "<<".equals(name)) {
                problems.add(problemAt(file, key.getStartMark(), "merge keys (<<) are not supported in "
                        + "workflow files; write the entries out."));
            }
            Node first = keys != null ? keys.putIfAbsent(name, key) : firstKeyNamed(tuples, index, name);
            if (first != null) {
                problems.add(problemAt(file, key.getStartMark(), "duplicate key '" + name
                        + "' (first defined at line " + (first.getStartMark().getLine() + 1) + "); remove one of them."));
            }
        }

        private static Node firstKeyNamed(List<NodeTuple> tuples, int before, String name) {
            for (int i = 0; i < before; i++) {
                if (tuples.get(i).getKeyNode() instanceof ScalarNode earlier && name.equals(earlier.getValue())) {
                    return earlier;
                }
            }
            return null;
        }

        Problem tooManyNodes() {
            String anchor = overflowAt.getAnchor() == null ? "" : "; the value anchored here as &" + overflowAt.getAnchor()
                    + " expands to " + (overflowSize > nodeLimit ? "more than " + nodeLimit : overflowSize) + " values";
            String fix = aliased ? ". Write the values out instead of repeating them through aliases."
                    : "; split it into smaller workflows (use subworkflow jobs).";
            return problemAt(file, overflowAt.getStartMark(), "the YAML holds more than " + nodeLimit
                    + " values once its aliases are expanded (the limit for workflow files)" + anchor + fix);
        }
    }

    private static boolean isStandard(Tag tag) {
        // The resolver hands out these constants for every untagged node.
        return tag == Tag.STR || tag == Tag.MAP || tag == Tag.SEQ || tag == Tag.NULL
                || Tag.standardTags.contains(tag) || Tag.MERGE.equals(tag);
    }

    private static Loaded failed(Problem problem) {
        return new Loaded(null, List.of(problem));
    }

    private static Problem problemOf(Path file, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String message = describe(e);
        return mark == null ? new Problem(file, 1, 1, message) : problemAt(file, mark, message);
    }

    private static Problem problemAt(Path file, Mark mark, String message) {
        return new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, message);
    }

    /** SnakeYAML's message without its multi-line source excerpt, plus what to do about it. */
    private static String describe(YAMLException e) {
        String message;
        if (e instanceof MarkedYAMLException marked) {
            String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
            message = context + (marked.getProblem() == null ? "" : marked.getProblem());
        } else {
            message = String.valueOf(e.getMessage());
        }
        message = message.replaceAll("\\s+", " ").trim();
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("exceeds the limit")) {
            return "the file exceeds the size limit for workflow files (" + MAX_CODE_POINTS
                    + " characters); split it into smaller workflows.";
        }
        if (lower.contains("number of aliases")) {
            return "too many aliases to collections (more than " + MAX_ALIASES_FOR_COLLECTIONS
                    + "): " + message + ". Write the values out instead of repeating anchors.";
        }
        if (lower.contains("nesting depth")) {
            return "the YAML is nested deeper than " + MAX_NESTING_DEPTH + " levels; flatten it.";
        }
        if (lower.contains("global tag is not allowed")) {
            return message + ". Custom tags are not allowed in workflow files; remove the tag.";
        }
        return "invalid YAML: " + message + ". Fix the syntax at this position.";
    }
}
