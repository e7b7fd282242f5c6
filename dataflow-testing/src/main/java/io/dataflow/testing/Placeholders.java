package io.dataflow.testing;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Substitutes scheduler-style {@code ${NAME}} parameters, the way the workflow passes them to a job. */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)}");

    private Placeholders() {
    }

    /**
     * Replaces every {@code ${NAME}} of {@code text} with its value.
     *
     * @param source names the text in the error message (a file or resource)
     * @throws IllegalArgumentException naming every parameter that has no value
     */
    static String substitute(String text, Map<String, String> values, String source) {
        Set<String> missing = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = values.get(name);
            if (value == null) {
                missing.add(name);
                value = matcher.group();
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(source + " uses parameters with no value: " + missing
                    + ". Pass them in the parameter map, e.g. Map.of(\"" + missing.iterator().next()
                    + "\", \"...\"), as the workflow job's parameters do.");
        }
        return result.toString();
    }
}
