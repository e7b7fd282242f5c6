package io.dataflow.core.params;

import io.dataflow.core.InvalidInputException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which parameter names look secret, so that their values are logged by name only: comma-separated globs matched
 * regardless of case ({@link #DEFAULT_GLOBS} unless configured).
 */
public final class SecretNames {

    public static final String DEFAULT_GLOBS = "*PASSWORD*,*SECRET*,*TOKEN*,*KEY*";
    /** What a log shows instead of a secret-looking value. */
    public static final String HIDDEN = "(hidden)";

    private final String globs;
    private final Globs patterns;

    private SecretNames(String globs) {
        this.globs = globs;
        this.patterns = Globs.parse(globs, true);
    }

    public static SecretNames defaults() {
        return new SecretNames(DEFAULT_GLOBS);
    }

    /**
     * @param globs comma-separated globs; {@code null} or blank means {@link #DEFAULT_GLOBS}
     * @param source names the setting in the error message, e.g. {@code <secretNames> (dataflow.secretNames)}
     */
    public static SecretNames of(String globs, String source) {
        if (globs == null || globs.isBlank()) {
            return defaults();
        }
        SecretNames names = new SecretNames(globs.trim());
        if (names.patterns.isEmpty()) {
            throw new InvalidInputException(source + " '" + globs + "' names no glob; list them comma-separated, e.g. "
                    + DEFAULT_GLOBS + ".");
        }
        return names;
    }

    public boolean looksSecret(String name) {
        return patterns.matches(name);
    }

    /**
     * {@code DB_PASSWORD=(hidden), NAME=value}, sorted by name (Maven injects a pom's map in no particular order):
     * values of secret-looking names are not shown.
     */
    public String describe(Map<String, String> params) {
        if (params.isEmpty()) {
            return "no parameters";
        }
        return new TreeMap<>(params).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + (looksSecret(entry.getKey()) ? HIDDEN : entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return globs;
    }
}
