package io.dataflow.core.params;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.workflow.SecretReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Workflow parameter overrides of one verify or deploy: the first {@link BranchEnvironment} whose branch globs match
 * the current branch, then the command-line parameters on top. Values of secret-looking names are logged by name
 * only.
 */
public final class ParameterOverrides {

    private ParameterOverrides() {}

    /**
     * @param environments the configured environments, in pom order; the first match wins
     * @param branch the branch as git names it (not sanitized), e.g. {@code feature/x.y}
     * @param commandLine parameters given on the command line ({@code -Ddataflow.param.NAME=value}), by name
     */
    public static Map<String, String> resolve(List<BranchEnvironment> environments, String branch,
            Map<String, String> commandLine, SecretNames secretNames, DataflowLog log) {
        Map<String, String> overrides = new LinkedHashMap<>();
        List<BranchEnvironment> configured = environments == null ? List.of() : environments;
        // Every environment is checked, not only the one that applies: a mistake for main fails a feature build too.
        for (int i = 0; i < configured.size(); i++) {
            requireValues(configured.get(i), i + 1);
        }
        for (int i = 0; i < configured.size(); i++) {
            BranchEnvironment environment = configured.get(i);
            if (matches(environment.branches(), branch, i + 1)) {
                log.info("Environment " + (i + 1) + " (branches " + environment.branches().trim() + ") applies to "
                        + "branch " + branch + ": " + secretNames.describe(environment.params()) + ".");
                overrides.putAll(environment.params());
                break;
            }
        }
        Map<String, String> given = new TreeMap<>(commandLine == null ? Map.of() : commandLine);
        if (!given.isEmpty()) {
            log.info("Parameter overrides from the command line: " + secretNames.describe(given) + ".");
            overrides.putAll(given);
        }
        warnAboutLiteralSecrets(overrides, secretNames, "the rendered workflow and its immutable bundle", log);
        return overrides;
    }

    /**
     * Warns about every secret-looking parameter given as text rather than as {@code ${secret:NAME}}: its value is
     * written down where it stays. Says how to keep it out.
     *
     * @param writtenInto what the value ends up in, e.g. {@code the rendered workflow and its immutable bundle}
     */
    public static void warnAboutLiteralSecrets(Map<String, String> overrides, SecretNames secretNames,
            String writtenInto, DataflowLog log) {
        overrides.forEach((name, value) -> {
            if (secretNames.looksSecret(name) && !value.isEmpty() && !SecretReference.containsPlaceholder(value)) {
                log.warn("Parameter " + name + " looks secret (" + secretNames + "), but its value is given as text: "
                        + "it is written into " + writtenInto + ". Give the placeholder instead, e.g. "
                        + "-Ddataflow.param." + name + "='" + SecretReference.placeholder(name) + "': only dataflow:run"
                        + " resolves it, from the settings.xml <server> " + name + " or the environment variable " + name
                        + ".");
            }
        });
    }

    /** Maven hands over an empty element, and an expression it cannot resolve, as no value: never guess one. */
    private static void requireValues(BranchEnvironment environment, int position) {
        branchGlobs(environment.branches(), position);
        environment.params().forEach((name, value) -> {
            if (value == null) {
                throw new InvalidInputException("<environments> entry " + position + " of the dataflow-maven-plugin "
                        + "configuration gives parameter " + name + " no value: Maven passes an empty element, or an "
                        + "expression it cannot resolve, as nothing. Write the value; a secret placeholder must be "
                        + "escaped from Maven in a pom: <" + name + ">$" + SecretReference.placeholder(name) + "</" + name
                        + ">.");
            }
        });
    }

    /**
     * Whether one of the comma-separated globs matches the whole branch name.
     *
     * @param position the environment's position in {@code <environments>}, for the error message
     */
    static boolean matches(String globs, String branch, int position) {
        return branchGlobs(globs, position).matches(branch);
    }

    private static Globs branchGlobs(String globs, int position) {
        Globs parsed = Globs.parse(globs, false);
        if (parsed.isEmpty()) {
            throw new InvalidInputException("<environments> entry " + position + " of the dataflow-maven-plugin "
                    + "configuration has no <branches>; list the branches it applies to, e.g. "
                    + "<branches>main,master</branches>, or <branches>*</branches> for every branch.");
        }
        return parsed;
    }
}
