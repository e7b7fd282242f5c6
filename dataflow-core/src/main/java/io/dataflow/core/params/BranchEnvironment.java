package io.dataflow.core.params;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code <environment>} of the plugin configuration: workflow parameter defaults for the branches it names.
 *
 * @param branches comma-separated branch globs ({@code *} any characters, {@code ?} one), e.g. {@code main,release/*}
 * @param params parameter name to the value it gets on these branches, in pom order; a {@code null} value (Maven's
 *     value of an empty element, or of an expression it could not resolve) is refused by {@link ParameterOverrides}
 */
public record BranchEnvironment(String branches, Map<String, String> params) {

    public BranchEnvironment {
        // Keeps null values (Map.copyOf would throw): ParameterOverrides names them in its message.
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
