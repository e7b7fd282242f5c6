package io.dataflow.core.identity;

import io.dataflow.core.InvalidInputException;
import java.util.regex.Pattern;

/** Rules for asset namespaces: unique labels of one asset line, e.g. {@code scala-workflow}. */
public final class Namespaces {

    public static final String PATTERN_TEXT = "[a-z0-9][a-z0-9_-]*";
    private static final Pattern PATTERN = Pattern.compile(PATTERN_TEXT);

    private Namespaces() {}

    public static boolean isValid(String namespace) {
        return namespace != null && PATTERN.matcher(namespace).matches();
    }

    /**
     * @param origin where the value came from (a parameter or file), named in the error message
     * @return the namespace, unchanged
     */
    public static String validate(String namespace, String origin) {
        if (!isValid(namespace)) {
            throw new InvalidInputException("Invalid namespace '" + namespace + "' in " + origin
                    + ": a namespace must match " + PATTERN_TEXT
                    + " (lower-case letters, digits, '_' and '-', starting with a letter or digit), e.g. 'scala-workflow'.");
        }
        return namespace;
    }
}
