package io.dataflow.core.params;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code <environment>} of the plugin configuration: workflow parameter defaults for the branches it names.
 *
 * @param branches comma-separated branch globs ({@code *} any characters, {@code ?} one), e.g. {@code main,release/*}
 * @param params parameter name to the value it gets on these branches, in pom order; an empty element is the empty
 *     text
 */
public record BranchEnvironment(String branches, Map<String, String> params) {

    public BranchEnvironment {
        Map<String, String> values = new LinkedHashMap<>();
        if (params != null) {
            params.forEach((name, value) -> values.put(name, value == null ? "" : value));
        }
        params = Collections.unmodifiableMap(values);
    }
}
