package io.dataflow.core.workflow;

import io.dataflow.core.EnvironmentException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
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
 * (billion laughs), limited nesting, limited size, and duplicate keys rejected (SnakeYAML only checks them
 * when constructing objects, so we check the node tree ourselves).
 */
public final class SafeYamlLoader {

    public static final int MAX_ALIASES_FOR_COLLECTIONS = 50;
    public static final int MAX_NESTING_DEPTH = 50;
    public static final int MAX_CODE_POINTS = 3 * 1024 * 1024;

    /**
     * Workflow values are text: only null needs recognising (ints, floats, booleans and timestamps stay
     * strings, so nothing is converted behind the user's back, and no regex runs for them).
     */
    private static final Resolver NULL_ONLY = new Resolver() {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    };

    private SafeYamlLoader() {}

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
        try {
            long size = Files.size(file);
            if (size > MAX_CODE_POINTS) {
                return failed(new Problem(file, 1, 1, "the file is " + size + " bytes; workflow files are limited to "
                        + MAX_CODE_POINTS + " bytes. Split it into smaller workflows (use subworkflow jobs)."));
            }
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            return failed(new Problem(file, 1, 1, "the file is not valid UTF-8 text. Save it as UTF-8."));
        } catch (NoSuchFileException e) {
            return failed(new Problem(file, 1, 1, "the workflow file does not exist."));
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read workflow file " + file + ": " + e, e);
        }
        return compose(file, text);
    }

    /** Composes YAML text that claims to come from {@code file} (used for messages only). */
    public static Loaded compose(Path file, String text) {
        return compose(file, text, MAX_CODE_POINTS);
    }

    /** With a smaller code point limit, so tests need not build megabytes of text. */
    static Loaded compose(Path file, String text, int codePointLimit) {
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
        List<Problem> problems = new ArrayList<>();
        List<ScalarNode> scalars = new ArrayList<>();
        if (root != null) {
            inspect(file, root, scalars, problems);
        }
        scalars.sort(Comparator.comparingInt(node -> node.getStartMark().getIndex()));
        return new Loaded(new YamlDocument(file, text, root, scalars), List.copyOf(problems));
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
     * Walks every distinct node once (aliases share nodes, and a recursive alias must not loop us): collects
     * scalars, rejects duplicate keys, merge keys and non-standard tags.
     */
    private static void inspect(Path file, Node root, List<ScalarNode> scalars, List<Problem> problems) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (!isStandard(node.getTag())) {
                problems.add(problemAt(file, node.getStartMark(), "the tag " + node.getTag()
                        + " is not allowed in workflow files; remove it (only plain YAML values are accepted)."));
            }
            if (node instanceof ScalarNode scalar) {
                scalars.add(scalar);
            } else if (node instanceof SequenceNode sequence) {
                sequence.getValue().forEach(pending::push);
            } else if (node instanceof MappingNode mapping) {
                Map<String, Node> keys = new HashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    Node key = tuple.getKeyNode();
                    if (key instanceof ScalarNode scalarKey) {
                        if (Tag.MERGE.equals(key.getTag()) || "<<".equals(scalarKey.getValue())) {
                            problems.add(problemAt(file, key.getStartMark(), "merge keys (<<) are not supported in "
                                    + "workflow files; write the entries out."));
                        }
                        Node first = keys.putIfAbsent(scalarKey.getValue(), key);
                        if (first != null) {
                            problems.add(problemAt(file, key.getStartMark(), "duplicate key '" + scalarKey.getValue()
                                    + "' (first defined at line " + (first.getStartMark().getLine() + 1)
                                    + "); remove one of them."));
                        }
                    } else {
                        problems.add(problemAt(file, key.getStartMark(),
                                "only plain text keys are allowed; use a simple name as the key."));
                    }
                    pending.push(tuple.getValueNode());
                    pending.push(key);
                }
            }
        }
    }

    private static boolean isStandard(Tag tag) {
        return Tag.standardTags.contains(tag) || Tag.MERGE.equals(tag);
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
