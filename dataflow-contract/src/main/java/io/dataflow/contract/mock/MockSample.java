package io.dataflow.contract.mock;

/**
 * What {@code dataflow:mock} samples: a table of the run's catalog, how many rows, and an optional filter. Checked
 * here once, for the plugin (before a Spark JVM starts) and the runner alike.
 *
 * @param table {@code db.table}; a leading {@code <catalog>.} is dropped by {@link #inCatalog(String)}
 * @param rows how many rows at most, at least 1
 * @param where a Spark SQL condition, or {@code null} for every row
 */
public record MockSample(String table, int rows, String where) {

    /** {@code dataflow.rows} when not given. */
    public static final int DEFAULT_ROWS = 50;

    /** @throws IllegalArgumentException naming the parameter and the fix */
    public MockSample {
        table = table == null ? "" : table.strip();
        if (!table.matches("([A-Za-z0-9_]+\\.)?[A-Za-z0-9_]+\\.[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("dataflow.table '" + table + "' is not a table name; give it as"
                    + " db.table, e.g. -Ddataflow.table=sample_db.top_titles.");
        }
        if (rows <= 0) {
            throw new IllegalArgumentException("dataflow.rows is " + rows + "; give the number of rows to sample, e.g."
                    + " -Ddataflow.rows=" + DEFAULT_ROWS + ".");
        }
        where = where == null || where.isBlank() ? null : where.strip();
    }

    /** {@code db.table} within {@code catalog}: a {@code <catalog>.db.table} name loses its catalog. */
    public String inCatalog(String catalog) {
        String[] parts = table.split("\\.");
        if (parts.length == 3 && !parts[0].equals(catalog)) {
            throw new IllegalArgumentException("dataflow.table '" + table + "' names catalog '" + parts[0] + "', but"
                    + " mocks are read from the run's catalog '" + catalog + "'; give the table as db.table.");
        }
        return parts.length == 3 ? parts[1] + "." + parts[2] : table;
    }

    /** The table's own name, for the default file {@code src/test/resources/mocks/<name>.yaml}. */
    public String tableName() {
        return table.substring(table.lastIndexOf('.') + 1);
    }
}
