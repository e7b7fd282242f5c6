package io.dataflow.contract.sql;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} parameters of SQL job files (and of mock table names): the scheduler's placeholders, filled in
 * with the job's parameters when the job runs. A name starts with a letter or {@code _} and goes on with letters,
 * digits, {@code _}, {@code .} and {@code -}. Values are inserted as plain text; any other {@code $} stays as it is.
 */
public final class SqlParameters {

    /** {@code ${NAME}}; group 1 is the name. */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

    private SqlParameters() {}

    /** The names {@code text} uses, in order of first use. */
    public static Set<String> names(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * Every {@code ${NAME}} of {@code text} replaced by its value.
     *
     * @param source names the text in the error, e.g. {@code SQL file ddl/create.sql}
     * @throws MissingParametersException naming every parameter without a value (a missing key or a null value)
     */
    public static String substitute(String text, Map<String, String> values, String source) {
        Map<String, String> missing = new LinkedHashMap<>();
        StringBuilder result = new StringBuilder();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                missing.put(matcher.group(1), "");
                value = matcher.group();
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        if (!missing.isEmpty()) {
            throw new MissingParametersException(source, missing, values.keySet());
        }
        return result.toString();
    }
}
