package io.dataflow.core.workflow;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The audit functions a wap template's {@code data_auditor} may call, with the parameters each requires.
 * This is the one list the validator, the docs and the local runner share.
 */
public enum AuditFunction {
    COLUMNS_SHOULD_NOT_HAVE_NULLS("columns_should_not_have_nulls", List.of("table", "columns"),
            "fails when any listed column holds a NULL"),
    COLUMNS_SHOULD_BE_UNIQUE("columns_should_be_unique", List.of("table", "columns"),
            "fails when two rows share the same values in the listed columns"),
    ROW_COUNT_SHOULD_BE_BETWEEN("row_count_should_be_between", List.of("table", "min", "max"),
            "fails when the row count is below min or above max (both inclusive)"),
    TABLE_SHOULD_NOT_BE_EMPTY("table_should_not_be_empty", List.of("table"),
            "fails when the table has no rows");

    private final String functionName;
    private final List<String> requiredParams;
    private final String description;

    AuditFunction(String functionName, List<String> requiredParams, String description) {
        this.functionName = functionName;
        this.requiredParams = requiredParams;
        this.description = description;
    }

    /** The name written in YAML, e.g. {@code columns_should_not_have_nulls}. */
    public String functionName() {
        return functionName;
    }

    public List<String> requiredParams() {
        return requiredParams;
    }

    public String description() {
        return description;
    }

    public static Optional<AuditFunction> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.functionName.equals(name)).findFirst();
    }

    /** Every function name, comma separated, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(AuditFunction::functionName).collect(Collectors.joining(", "));
    }
}
