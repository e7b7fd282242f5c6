package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** How {@code list} and {@code history} print: lines for people, or one JSON document for scripts. */
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

    /**
     * Prints one report: each text line as a log line, or the JSON document as ONE log message, so that it stays
     * one block (only its first line carries Maven's {@code [INFO]} prefix).
     */
    void print(DataflowLog log, Supplier<List<String>> text, Supplier<String> json) {
        if (this == JSON) {
            log.info(json.get());
        } else {
            text.get().forEach(log::info);
        }
    }
}
