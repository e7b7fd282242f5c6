package io.dataflow.maven;

import io.dataflow.core.InvalidInputException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Named values given on the command line under a prefix: workflow parameters ({@code -Ddataflow.param.NAME=value})
 * and Spark settings of a run ({@code -Ddataflow.spark.conf.spark.executor.memory=2g}).
 */
final class CommandLineParams {

    private CommandLineParams() {}

    /** The {@code -Ddataflow.param.NAME=value} properties, by name. */
    static Map<String, String> of(Properties userProperties) {
        return of(userProperties, PropertyNames.PARAM_PREFIX, "TARGET_DB=scratch_db");
    }

    /** The {@code -D<prefix>NAME=value} properties, by name; {@code example} shows a {@code NAME=value}. */
    static Map<String, String> of(Properties userProperties, String prefix, String example) {
        Map<String, String> params = new TreeMap<>();
        if (userProperties == null) {
            return params;
        }
        for (String key : userProperties.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                String name = key.substring(prefix.length());
                if (name.isBlank()) {
                    throw new InvalidInputException("-D" + key + " names nothing; write -D" + prefix
                            + "NAME=value, e.g. -D" + prefix + example + ".");
                }
                params.put(name, userProperties.getProperty(key));
            }
        }
        return params;
    }
}
