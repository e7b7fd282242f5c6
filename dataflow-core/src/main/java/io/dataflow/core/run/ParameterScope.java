package io.dataflow.core.run;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.workflow.SecretReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runtime parameters visible to the jobs of one workflow (or one foreach iteration) and the {@code ${NAME}}
 * substitution in job fields. A value is a string, a list (loop values) or {@code null} (declared without a
 * default: it substitutes as the empty string). Values may themselves use {@code ${OTHER}}. A
 * {@code ${secret:NAME}} stays as written: only the forked runner replaces it, in memory.
 */
final class ParameterScope {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^{}]*)}");
    private static final int MAX_DEPTH = 20;

    private final Map<String, Object> values;
    private final String owner;
    private final Set<String> used;

    /**
     * @param values parameter values by name, already in precedence order (the caller merged them)
     * @param owner names the workflow in messages, e.g. {@code workflow daily version 3}
     * @param used collects every name looked up, so unused overrides can be reported
     */
    ParameterScope(Map<String, Object> values, String owner, Set<String> used) {
        this.values = new LinkedHashMap<>(values);
        this.owner = owner;
        this.used = used;
    }

    /** The same scope plus loop variables (they hide parameters of the same name). */
    ParameterScope with(Map<String, Object> loopValues) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        merged.putAll(loopValues);
        return new ParameterScope(merged, owner, used);
    }

    String owner() {
        return owner;
    }

    /**
     * A field that may be a list: {@code ${DATES}} alone keeps the list value of {@code DATES}; other strings are
     * substituted; lists are resolved item by item.
     */
    Object value(Object raw, String where) {
        return value(raw, where, 0);
    }

    /** A text field with every {@code ${NAME}} substituted; lists become comma-separated text. */
    String text(Object raw, String where) {
        return raw == null ? null : text(raw, where, 0);
    }

    private Object value(Object raw, String where, int depth) {
        if (raw instanceof String string) {
            Matcher whole = REFERENCE.matcher(string.strip());
            if (whole.matches()) {
                return lookup(whole.group(1).strip(), where, depth);
            }
            return substitute(string, where, depth);
        }
        if (raw instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                resolved.add(value(item, where, depth));
            }
            return resolved;
        }
        if (raw instanceof Map<?, ?> map) {
            Map<String, Object> resolved = new LinkedHashMap<>();
            map.forEach((key, item) -> resolved.put(String.valueOf(key), value(item, where, depth)));
            return resolved;
        }
        return raw;
    }

    private String text(Object raw, String where, int depth) {
        Object resolved = value(raw, where, depth);
        if (resolved == null) {
            return "";
        }
        if (resolved instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(item == null ? "" : String.valueOf(item)));
            return String.join(",", items);
        }
        return String.valueOf(resolved);
    }

    private String substitute(String text, String where, int depth) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).strip();
            matcher.appendReplacement(out, Matcher.quoteReplacement(text(lookup(name, where, depth), where, depth + 1)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private Object lookup(String name, String where, int depth) {
        if (SecretReference.isSecret(name)) {
            Optional<String> problem = SecretReference.problem(name);
            if (problem.isPresent()) {
                throw new InvalidInputException(owner + ", " + where + ": " + problem.get());
            }
            return "${" + name + "}";
        }
        if (name.startsWith("dataflow.")) {
            throw new InvalidInputException(owner + ", " + where + ": the reference ${" + name + "} was not rendered;"
                    + " the bundle was not written by dataflow:deploy. Deploy the workflow again.");
        }
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException(owner + ", " + where + ": parameter ${" + name + "} refers to itself"
                    + " (through other parameters); give it a value that does not use ${" + name + "}.");
        }
        used.add(name);
        if (!values.containsKey(name)) {
            throw new InvalidInputException(owner + ", " + where + ": parameter ${" + name + "} has no value. Declare"
                    + " it under the workflow's params or pass it for this run with -Ddataflow.param." + name
                    + "=<value>.");
        }
        Object value = values.get(name);
        return value == null ? null : value(value, where + " (via ${" + name + "})", depth + 1);
    }

    /** Names used anywhere so far; shared by every scope of one run. */
    static Set<String> newUsedSet() {
        return new LinkedHashSet<>();
    }
}
