package io.dataflow.contract.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secrets of one run. {@code dataflow:run} never writes a secret into the plan file: the plan keeps each
 * {@code ${secret:NAME}} placeholder, and the values come in the environment variable {@value #ENVIRONMENT_VARIABLE},
 * a JSON object from placeholder text to value. The runner puts the values into the plan it holds in memory, and
 * takes them out again of everything it prints (its progress lines, Spark's and the jobs' output) and of the result
 * file, where each value is shown as its placeholder.
 */
public final class PlanSecrets {

    public static final String ENVIRONMENT_VARIABLE = "DATAFLOW_RUN_SECRETS";

    /** Output lines longer than this are passed on in pieces (a line without end must not fill the memory). */
    private static final int MAX_BUFFERED_LINE = 1 << 16;

    /** Placeholder to value, longest value first: a value that contains another one is replaced as a whole. */
    private final Map<String, String> values;

    private PlanSecrets(Map<String, String> values) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(values.entrySet());
        entries.sort(Comparator.comparingInt((Map.Entry<String, String> entry) -> entry.getValue().length()).reversed());
        Map<String, String> ordered = new LinkedHashMap<>();
        entries.forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        this.values = ordered;
    }

    public static PlanSecrets none() {
        return new PlanSecrets(Map.of());
    }

    /** @throws InvalidPlanException the variable is set but holds no JSON object of texts */
    public static PlanSecrets fromEnvironment(Map<String, String> environment) {
        String json = environment.get(ENVIRONMENT_VARIABLE);
        if (json == null || json.isBlank()) {
            return none();
        }
        try {
            JsonNode tree = new ObjectMapper().readTree(json);
            Map<String, String> values = new LinkedHashMap<>();
            if (tree == null || !tree.isObject()) {
                throw new InvalidPlanException(ENVIRONMENT_VARIABLE + " must hold a JSON object from placeholder to value.");
            }
            tree.fields().forEachRemaining(field -> {
                if (!field.getValue().isTextual()) {
                    throw new InvalidPlanException(ENVIRONMENT_VARIABLE + ": the value of " + field.getKey()
                            + " is not a JSON text.");
                }
                values.put(field.getKey(), field.getValue().textValue());
            });
            return new PlanSecrets(values);
        } catch (JsonProcessingException e) {
            // Never the parser's message: it may quote the secret.
            throw new InvalidPlanException(ENVIRONMENT_VARIABLE + " is not valid JSON (at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").");
        }
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Replaces every placeholder in every text of the plan (in place). */
    public JsonNode resolve(JsonNode plan) {
        return isEmpty() ? plan : replaceTexts(plan, this::resolve);
    }

    /** Replaces every placeholder in every text of a result tree by its value's placeholder (in place). */
    public JsonNode scrub(JsonNode tree) {
        return isEmpty() ? tree : replaceTexts(tree, this::scrub);
    }

    public String resolve(String text) {
        String resolved = text;
        for (Map.Entry<String, String> secret : values.entrySet()) {
            resolved = resolved.replace(secret.getKey(), secret.getValue());
        }
        return resolved;
    }

    /** The text with every secret value replaced by its placeholder. */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = text;
        for (Map.Entry<String, String> secret : values.entrySet()) {
            if (!secret.getValue().isEmpty()) {
                scrubbed = scrubbed.replace(secret.getValue(), secret.getKey());
            }
        }
        return scrubbed;
    }

    /** A stream that passes on whole lines, each scrubbed; {@code target} itself is left as it is. */
    public PrintStream scrubbing(PrintStream target) {
        return isEmpty() ? target : new PrintStream(new ScrubbingLines(target, Charset.defaultCharset()), true,
                Charset.defaultCharset());
    }

    private static JsonNode replaceTexts(JsonNode node, java.util.function.UnaryOperator<String> replace) {
        if (node instanceof TextNode text) {
            return TextNode.valueOf(replace.apply(text.textValue()));
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> object.set(name, replaceTexts(object.get(name), replace)));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replaceTexts(array.get(i), replace));
            }
        }
        return node;
    }

    /**
     * Buffers output up to the end of a line, so that a value printed in pieces is still recognized, and
     * passes the line on scrubbed. {@link #flush()} keeps an unfinished line: print calls flush after every write.
     */
    private final class ScrubbingLines extends OutputStream {

        private final PrintStream target;
        private final Charset charset;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        ScrubbingLines(PrintStream target, Charset charset) {
            this.target = target;
            this.charset = charset;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n' || line.size() >= MAX_BUFFERED_LINE) {
                passOn();
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public synchronized void flush() {
            target.flush();
        }

        @Override
        public synchronized void close() {
            passOn();
            target.flush();
        }

        private void passOn() {
            if (line.size() == 0) {
                return;
            }
            String text = line.toString(charset);
            String scrubbed = scrub(text);
            // Unchanged bytes go on as they came, whatever the charset made of them.
            byte[] bytes = scrubbed.equals(text) ? line.toByteArray() : scrubbed.getBytes(charset);
            target.write(bytes, 0, bytes.length);
            line.reset();
            target.flush();
        }
    }
}
