package io.dataflow.contract.sql;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A SQL file (or a mock's table name) uses {@code ${NAME}} parameters that were given no value. The message says
 * which, where, and which names were given; callers add the fix that fits their context (the job's parameters in a
 * workflow, the parameter map in a test).
 */
public class MissingParametersException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> missing;

    /**
     * @param missing each parameter without a value, in order of first use, with where it is used (or "")
     * @param given the names that have values
     */
    public MissingParametersException(String source, Map<String, String> missing, Set<String> given) {
        super(source + " uses " + missing.entrySet().stream()
                .map(entry -> "${" + entry.getKey() + "}" + (entry.getValue().isEmpty() ? "" : " (" + entry.getValue() + ")"))
                .collect(Collectors.joining(", "))
                + " but " + (missing.size() == 1 ? "no value is given for it" : "no values are given for them")
                + " (given: " + new TreeSet<>(given) + ").");
        this.missing = List.copyOf(missing.keySet());
    }

    /** The parameters without a value, in order of first use. */
    public List<String> missing() {
        return missing;
    }
}
