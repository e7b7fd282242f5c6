package io.dataflow.core.run;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.params.SecretNames;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Spark settings of a run ({@code <sparkConf>} in the pom, {@code -Ddataflow.spark.conf.<key>=value} on the
 * command line, which wins). They are written into the run's {@code plan.json}, so a setting whose name looks like a
 * credential is refused: credentials reach a run through {@code ${secret:NAME}} or the cluster's own configuration.
 */
public final class RunSparkConf {

    private RunSparkConf() {}

    /**
     * @param fromPom {@code <sparkConf>}, may be {@code null}
     * @param fromCommandLine the {@code -Ddataflow.spark.conf.*} properties, by key
     * @param secretNames the globs that make a name look secret
     * @param commandLinePrefix {@code dataflow.spark.conf.}, for messages
     * @throws InvalidInputException naming the setting and what to do instead
     */
    public static Map<String, String> merged(Map<String, String> fromPom, Map<String, String> fromCommandLine,
            SecretNames secretNames, String commandLinePrefix) {
        Map<String, String> conf = new TreeMap<>();
        if (fromPom != null) {
            conf.putAll(fromPom);
        }
        conf.putAll(fromCommandLine);
        for (String key : conf.keySet()) {
            if (!key.startsWith("spark.")) {
                throw new InvalidInputException("Spark setting '" + key + "' (<sparkConf> or -D" + commandLinePrefix
                        + key + ") is not a Spark setting: Spark only reads keys that start with 'spark.', e.g. -D"
                        + commandLinePrefix + "spark.executor.memory=2g.");
            }
            if (secretNames.looksSecret(key)) {
                throw new InvalidInputException("Spark setting '" + key + "' looks like a credential, and a run's"
                        + " settings are written to its plan.json. Give credentials to the cluster's own"
                        + " configuration, or to the job through a ${secret:NAME} parameter; nothing was run.");
            }
        }
        return conf;
    }
}
