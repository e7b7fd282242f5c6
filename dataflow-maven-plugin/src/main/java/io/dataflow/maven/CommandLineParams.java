package io.dataflow.maven;

import io.dataflow.core.InvalidInputException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The workflow parameters given on the command line: {@code -Ddataflow.param.NAME=value}. */
final class CommandLineParams {

    private CommandLineParams() {}

    /** The {@code -Ddataflow.param.NAME=value} properties, by name. */
    static Map<String, String> of(Properties userProperties) {
        Map<String, String> params = new TreeMap<>();
        if (userProperties == null) {
            return params;
        }
        for (String key : userProperties.stringPropertyNames()) {
            if (key.startsWith(PropertyNames.PARAM_PREFIX)) {
                String name = key.substring(PropertyNames.PARAM_PREFIX.length());
                if (name.isBlank()) {
                    throw new InvalidInputException("-D" + key + " names no parameter; write -D"
                            + PropertyNames.PARAM_PREFIX + "NAME=value, e.g. -D" + PropertyNames.PARAM_PREFIX
                            + "TARGET_DB=scratch_db.");
                }
                params.put(name, userProperties.getProperty(key));
            }
        }
        return params;
    }
}
