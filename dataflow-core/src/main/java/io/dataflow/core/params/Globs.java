package io.dataflow.core.params;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Comma-separated globs as the plugin configuration writes them ({@code main,release/*}): {@code *} stands for any
 * characters ({@code /} included), {@code ?} for one, everything else is literal; a glob matches the whole text.
 */
final class Globs {

    private final List<Pattern> patterns;

    private Globs(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /** @param ignoreCase whether letters match regardless of case */
    static Globs parse(String commaSeparated, boolean ignoreCase) {
        return new Globs(Arrays.stream(commaSeparated == null ? new String[0] : commaSeparated.split(","))
                .map(String::trim)
                .filter(glob -> !glob.isEmpty())
                .map(glob -> toRegex(glob, ignoreCase))
                .toList());
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    boolean matches(String text) {
        return text != null && patterns.stream().anyMatch(pattern -> pattern.matcher(text).matches());
    }

    private static Pattern toRegex(String glob, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    }
}
