package io.dataflow.runner;

import java.util.Arrays;

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
     * {@code db.t} becomes {@code <catalog>.db.t}; a name with three parts is kept. A bare {@code t} is
     * refused: the runner cannot guess the namespace.
     */
    static String qualify(String table, String catalog) {
        String[] parts = table.split("\\.");
        if (parts.length < 2 || Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new TaskFailedException("Table '" + table + "' must be named as db.table (or " + catalog
                    + ".db.table) so the runner knows its namespace.");
        }
        return parts.length == 2 ? catalog + "." + table : table;
    }
}
