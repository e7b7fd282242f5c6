package io.dataflow.maven;

import io.dataflow.core.InvalidInputException;
import java.util.Locale;

/** How {@code list}, {@code history} and {@code runs} print: lines for people, or one JSON document for scripts. */
enum OutputFormat {
    TEXT, JSON;

    static OutputFormat parse(String value) {
        String wanted = value == null || value.isBlank() ? "text" : value.trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new InvalidInputException("Unknown output format '" + value + "' in "
                    + PropertyNames.FORMAT + "; use text or json (-D" + PropertyNames.FORMAT + "=json).");
        };
    }
}
