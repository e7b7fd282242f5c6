package io.dataflow.runner;

import java.util.Arrays;
import java.util.List;

/** Quoting values and names into generated SQL, and qualifying table names with the run's catalog. */
final class SqlText {

    private SqlText() {}

    /** A Spark SQL string literal: backslash escapes, as Spark parses them by default. */
    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A backtick-quoted identifier part. */
    static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /**
     * The run's name of a table: {@code db.t} becomes {@code <catalog>.db.t}; a dotted name with three
     * parts is kept. The workflow DSL's {@code catalog/db/t} (and {@code db/t}) names the production
     * catalog, which a local run replaces by its own: it becomes {@code <catalog>.db.t}. A bare {@code t}
     * is refused: the runner cannot guess the namespace.
     */
    static String qualify(String table, String catalog) {
        boolean slashed = table.contains("/");
        List<String> parts = Arrays.asList(table.strip().split(slashed ? "/" : "\\."));
        if (parts.size() < 2 || parts.size() > 3 || parts.stream().anyMatch(String::isBlank)) {
            throw new TaskFailedException("Table '" + table + "' must be named db.table, " + catalog
                    + ".db.table or catalog/db/table, so the runner knows its namespace.");
        }
        if (slashed || parts.size() == 2) {
            return catalog + "." + parts.get(parts.size() - 2) + "." + parts.get(parts.size() - 1);
        }
        return table.strip();
    }

    /** The last part of a table name: {@code t} of {@code local.db.t} or {@code prod/db/t}. */
    static String tableName(String table) {
        String[] parts = table.strip().split("[./]");
        return parts[parts.length - 1];
    }
}
