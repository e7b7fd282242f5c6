package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.InvalidInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Workflow parameter overrides for one deploy: the first {@code <environment>} whose branch globs match the
 * current branch, then {@code -Ddataflow.param.NAME=value} on top.
 */
final class ParamOverrides {

    private ParamOverrides() {}

    /**
     * @param environments the configured environments, in pom order; the first match wins
     * @param branch the branch as git names it (not sanitized), e.g. {@code feature/x.y}
     * @param userProperties Maven's {@code -D} properties
     */
    static Map<String, String> resolve(List<Environment> environments, String branch, Properties userProperties,
            DataflowLog log) {
        Map<String, String> overrides = new LinkedHashMap<>();
        List<Environment> configured = environments == null ? List.of() : environments;
        for (int i = 0; i < configured.size(); i++) {
            Environment environment = configured.get(i);
            if (matches(environment.getBranches(), branch, i + 1)) {
                Map<String, String> params = environment.getParams() == null ? Map.of() : environment.getParams();
                log.info("Environment " + (i + 1) + " (branches " + environment.getBranches().trim() + ") applies to "
                        + "branch " + branch + ": " + describe(params) + ".");
                overrides.putAll(params);
                break;
            }
        }
        Map<String, String> commandLine = commandLine(userProperties);
        if (!commandLine.isEmpty()) {
            log.info("Parameter overrides from the command line: " + describe(commandLine) + ".");
            overrides.putAll(commandLine);
        }
        return overrides;
    }

    /** The {@code -Ddataflow.param.NAME=value} properties, by name. */
    static Map<String, String> commandLine(Properties userProperties) {
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

    /**
     * Whether one of the comma-separated globs matches the whole branch name: {@code *} stands for any
     * characters ({@code /} included), {@code ?} for one.
     *
     * @param position the environment's position in {@code <environments>}, for the error message
     */
    static boolean matches(String globs, String branch, int position) {
        if (globs == null || globs.isBlank()) {
            throw new InvalidInputException("<environments> entry " + position + " of the dataflow-maven-plugin "
                    + "configuration has no <branches>; list the branches it applies to, e.g. "
                    + "<branches>main,master</branches>, or <branches>*</branches> for every branch.");
        }
        return Arrays.stream(globs.split(","))
                .map(String::trim)
                .filter(glob -> !glob.isEmpty())
                .anyMatch(glob -> toRegex(glob).matcher(branch).matches());
    }

    private static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static String describe(Map<String, String> params) {
        if (params.isEmpty()) {
            return "no parameters";
        }
        StringBuilder text = new StringBuilder();
        params.forEach((name, value) -> text.append(text.length() == 0 ? "" : ", ").append(name).append('=').append(value));
        return text.toString();
    }
}
