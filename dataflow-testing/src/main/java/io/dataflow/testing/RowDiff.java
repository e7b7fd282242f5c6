package io.dataflow.testing;

import java.util.List;

/**
 * Differences between a DataFrame and the rows expected of it.
 *
 * @param expectedSource  the expected mock, for the message
 * @param schemaProblems  missing, unexpected or differently typed columns; rows are not compared when any
 * @param missingRows     expected rows the DataFrame lacks (one entry per missing copy)
 * @param unexpectedRows  rows of the DataFrame nobody expected (one entry per extra copy)
 */
public record RowDiff(String expectedSource, List<String> schemaProblems, List<String> missingRows,
        List<String> unexpectedRows) {

    /** Rows listed per category in {@link #describe()}; the counts are always complete. */
    static final int MAX_LISTED = 50;

    public RowDiff {
        schemaProblems = List.copyOf(schemaProblems);
        missingRows = List.copyOf(missingRows);
        unexpectedRows = List.copyOf(unexpectedRows);
    }

    public boolean matches() {
        return schemaProblems.isEmpty() && missingRows.isEmpty() && unexpectedRows.isEmpty();
    }

    /** A report a person can act on: the schema problems, then missing and unexpected rows. */
    public String describe() {
        if (matches()) {
            return "DataFrame matches " + expectedSource;
        }
        StringBuilder text = new StringBuilder("DataFrame does not match ").append(expectedSource).append(':');
        if (!schemaProblems.isEmpty()) {
            text.append("\n  schema mismatch:");
            schemaProblems.forEach(problem -> text.append("\n    ").append(problem));
            return text.toString();
        }
        section(text, "missing rows (expected, not found)", missingRows);
        section(text, "unexpected rows (found, not expected)", unexpectedRows);
        return text.toString();
    }

    private static void section(StringBuilder text, String title, List<String> rows) {
        if (rows.isEmpty()) {
            return;
        }
        text.append("\n  ").append(rows.size()).append(' ').append(title).append(':');
        rows.stream().limit(MAX_LISTED).forEach(row -> text.append("\n    ").append(row));
        if (rows.size() > MAX_LISTED) {
            text.append("\n    … and ").append(rows.size() - MAX_LISTED).append(" more");
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
