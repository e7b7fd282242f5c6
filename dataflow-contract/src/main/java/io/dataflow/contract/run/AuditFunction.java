package io.dataflow.contract.run;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The audit functions a wap template's {@code data_auditor} may call, with their parameters. This is the one list
 * the workflow validator, the docs and the runner share. A workflow must give the {@link #requiredParams()}; every
 * function also takes the {@link #OPTIONAL_PARAMS}.
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

    /** {@code where}: a SQL filter applied to the audited rows, e.g. {@code day = DATE '2022-01-01'}. */
    public static final List<String> OPTIONAL_PARAMS = List.of("where");

    private final String functionName;
    private final List<String> requiredParams;
    private final String description;

    AuditFunction(String functionName, List<String> requiredParams, String description) {
        this.functionName = functionName;
        this.requiredParams = requiredParams;
        this.description = description;
    }

    /** The name written in YAML and in plans, e.g. {@code columns_should_not_have_nulls}. */
    public String functionName() {
        return functionName;
    }

    public List<String> requiredParams() {
        return requiredParams;
    }

    /** Every parameter the function takes: the required ones, then {@link #OPTIONAL_PARAMS}. */
    public List<String> acceptedParams() {
        return Stream.concat(requiredParams.stream(), OPTIONAL_PARAMS.stream()).toList();
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
