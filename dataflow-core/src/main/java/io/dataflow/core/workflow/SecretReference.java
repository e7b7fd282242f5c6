package io.dataflow.core.workflow;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${secret:NAME}} placeholder: a value that only {@code dataflow:run} knows (from the environment
 * variable {@code NAME} or the settings.xml {@code <server>} with id {@code NAME}). Rendering and deploying pass it
 * through untouched and planning keeps it, so that no rendered workflow, bundle, plan or run record ever holds the
 * value; the forked runner replaces it in memory.
 */
public final class SecretReference {

    /** What comes after {@code ${} for a secret. */
    public static final String PREFIX = "secret:";
    /** Names that are valid environment variable names, so every secret can come from the environment. */
    public static final String NAME_PATTERN_TEXT = "[A-Za-z_][A-Za-z0-9_]*";

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN_TEXT);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{" + PREFIX + "(" + NAME_PATTERN_TEXT + ")}");

    private SecretReference() {}

    /** Whether the text between {@code ${} and {@code }} is meant as a secret. */
    public static boolean isSecret(String inner) {
        return inner.strip().startsWith(PREFIX);
    }

    /** The placeholder text of a secret name: {@code ${secret:NAME}}. */
    public static String placeholder(String name) {
        return "${" + PREFIX + name + "}";
    }

    /** The problem with a secret reference's inner text ({@code secret:NAME}), if any. */
    public static Optional<String> problem(String inner) {
        String name = inner.strip().substring(PREFIX.length());
        if (NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of("invalid secret reference '${" + inner + "}'; a secret name must match " + NAME_PATTERN_TEXT
                + " (it is also the name of the environment variable that holds it), e.g. ${secret:DB_PASSWORD}.");
    }

    /** The names of every {@code ${secret:NAME}} in a text, in order of appearance. */
    public static Set<String> namesIn(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Whether a text holds at least one {@code ${secret:NAME}}. */
    public static boolean containsPlaceholder(String text) {
        return text != null && PLACEHOLDER.matcher(text).find();
    }
}
