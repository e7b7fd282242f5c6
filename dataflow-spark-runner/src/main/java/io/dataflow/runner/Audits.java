package io.dataflow.runner;

import io.dataflow.contract.run.AuditFunction;
import io.dataflow.contract.run.AuditOutcome;
import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.run.RunPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;

/**
 * The data audits a WAP task can run (the {@code data_auditor} functions of the workflow DSL). Each
 * reads one relation (the audit branch of a WAP table, see {@link WapTaskRunner}) and reports what it found.
 *
 * <p>Parameters: {@code table} (the table as listed in the WAP task; optional when it lists one table),
 * {@code columns} (a list or a comma-separated string), {@code min}/{@code max} (row counts, inclusive),
 * {@code where} (an optional SQL filter, for example {@code date = DATE '2022-01-01'}).
 */
final class Audits {

    private static final int EXAMPLES = 3;

    private Audits() {}

    /** What is wrong with an audit's definition; empty when it can run. */
    static List<String> problems(PlanTask.Audit audit, List<String> wapTables) {
        List<String> problems = new ArrayList<>();
        AuditFunction function = AuditFunction.byName(audit.function()).orElse(null);
        if (function == null) {
            problems.add("unknown audit function; use one of " + AuditFunction.names() + ".");
            return problems;
        }
        List<String> accepted = function.acceptedParams();
        audit.params().keySet().stream().filter(name -> !accepted.contains(name)).sorted().forEach(name ->
                problems.add("unknown parameter '" + name + "'; it takes " + accepted.stream().sorted().toList() + "."));
        if (audit.params().get("table") == null && wapTables.size() != 1) {
            problems.add("parameter 'table' is missing; name one of the WAP task's tables " + wapTables + ".");
        } else if (!wapTables.isEmpty()) {
            try {
                qualifiedTable(table(audit, wapTables), wapTables, RunPlan.DEFAULT_CATALOG);
            } catch (TaskFailedException e) {
                problems.add(e.getMessage());
            }
        }
        if (accepted.contains("columns") && columns(audit).isEmpty()) {
            problems.add("parameter 'columns' is missing; give the columns to check, for example [id].");
        }
        if (function == AuditFunction.ROW_COUNT_SHOULD_BE_BETWEEN) {
            try {
                Long min = number(audit, "min");
                Long max = number(audit, "max");
                if (min == null && max == null) {
                    problems.add("give 'min', 'max' or both (row counts, inclusive).");
                } else if (min != null && max != null && min > max) {
                    problems.add("'min' " + min + " is greater than 'max' " + max + ".");
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    /** The table an audit is about, as the user named it (the WAP task's only table when it names none). */
    static String table(PlanTask.Audit audit, List<String> wapTables) {
        Object table = audit.params().get("table");
        return table == null ? wapTables.get(0) : table.toString();
    }

    /**
     * The run's name of the audited table. Workflows often name it by its bare table name (the logical
     * table, {@code orders}); that means the WAP table of that name. Anything else is qualified as usual.
     */
    static String qualifiedTable(String named, List<String> wapTables, String catalog) {
        if (!named.contains(".") && !named.contains("/")) {
            List<String> matches = wapTables.stream()
                    .filter(table -> SqlText.tableName(table).equals(named.strip())).toList();
            if (matches.size() == 1) {
                return SqlText.qualify(matches.get(0), catalog);
            }
            throw new TaskFailedException("Audit table '" + named + "' must be one of the WAP task's tables " + wapTables
                    + " (by name or fully) or a db.table name; " + (matches.isEmpty() ? "none" : "several") + " match.");
        }
        return SqlText.qualify(named, catalog);
    }

    /** Runs one audit against {@code relation}; a failing query is a failed audit, not an exception. */
    static AuditOutcome evaluate(PlanTask.Audit audit, String table, String relation, RunContext context) {
        String filter = audit.params().get("where") == null ? "" : " WHERE (" + audit.params().get("where") + ")";
        String from = " FROM " + relation + filter;
        String finding;
        boolean passed;
        try {
            switch (AuditFunction.byName(audit.function()).orElseThrow()) {
                case COLUMNS_SHOULD_NOT_HAVE_NULLS -> {
                    List<String> columns = columns(audit);
                    Row row = context.sql("SELECT " + columns.stream()
                            .map(c -> "count_if(" + SqlText.identifier(c) + " IS NULL)")
                            .collect(Collectors.joining(", ")) + ", count(*)" + from).first();
                    List<String> withNulls = new ArrayList<>();
                    for (int i = 0; i < columns.size(); i++) {
                        if (row.getLong(i) > 0) {
                            withNulls.add(columns.get(i) + " in " + row.getLong(i) + " row(s)");
                        }
                    }
                    passed = withNulls.isEmpty();
                    finding = passed ? "no NULL in " + columns + " (" + row.getLong(columns.size()) + " rows)"
                            : "NULL values: " + String.join(", ", withNulls);
                }
                case COLUMNS_SHOULD_BE_UNIQUE -> {
                    String key = columns(audit).stream().map(SqlText::identifier).collect(Collectors.joining(", "));
                    String duplicates = "SELECT " + key + ", count(*) AS occurrences" + from + " GROUP BY " + key
                            + " HAVING count(*) > 1";
                    long count = context.sql("SELECT count(*) FROM (" + duplicates + ")").first().getLong(0);
                    passed = count == 0;
                    finding = passed ? columns(audit) + " are unique"
                            : count + " value(s) of " + columns(audit) + " occur more than once, e.g. "
                                    + context.sql(duplicates + " LIMIT " + EXAMPLES).collectAsList();
                }
                case ROW_COUNT_SHOULD_BE_BETWEEN -> {
                    long count = context.sql("SELECT count(*)" + from).first().getLong(0);
                    Long min = number(audit, "min");
                    Long max = number(audit, "max");
                    passed = (min == null || count >= min) && (max == null || count <= max);
                    finding = count + " rows, expected " + (min == null ? "at most " + max
                            : max == null ? "at least " + min : "between " + min + " and " + max);
                }
                case TABLE_SHOULD_NOT_BE_EMPTY -> {
                    passed = !context.sql("SELECT 1" + from + " LIMIT 1").isEmpty();
                    finding = passed ? "has rows" : "no rows" + (filter.isEmpty() ? "" : " match" + filter);
                }
                default -> throw new IllegalStateException("validated before: " + audit.function());
            }
        } catch (Exception e) {
            passed = false;
            finding = "the audit query failed: " + Errors.describe(e);
        }
        return new AuditOutcome(audit.function(), table, relation, audit.blocking(), passed, finding);
    }

    static List<String> columns(PlanTask.Audit audit) {
        Object columns = audit.params().get("columns");
        if (columns instanceof List<?> list) {
            return list.stream().map(Object::toString).map(String::strip).filter(c -> !c.isEmpty()).toList();
        }
        if (columns == null) {
            return List.of();
        }
        return Arrays.stream(columns.toString().split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
    }

    private static Long number(PlanTask.Audit audit, String name) {
        Object value = audit.params().get(name);
        if (value == null) {
            return null;
        }
        try {
            return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' is '" + value + "'; use a whole number of rows.");
        }
    }
}
