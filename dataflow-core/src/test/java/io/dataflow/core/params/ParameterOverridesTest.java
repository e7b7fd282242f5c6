package io.dataflow.core.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.fixtures.RecordingLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterOverridesTest {

    private final RecordingLog log = new RecordingLog();

    private final SecretNames secrets = SecretNames.defaults();

    private final List<BranchEnvironment> environments = List.of(
            new BranchEnvironment("main, master", Map.of("TARGET_DB", "prod_db")),
            new BranchEnvironment("release/*", Map.of("TARGET_DB", "staging_db")),
            new BranchEnvironment("*", ordered("TARGET_DB", "dev_db", "SAMPLE", "0.1")));

    @Test
    void theFirstEnvironmentWhoseBranchesMatchWins() {
        assertThat(ParameterOverrides.resolve(environments, "master", Map.of(), secrets, log))
                .containsExactly(Map.entry("TARGET_DB", "prod_db"));
        assertThat(ParameterOverrides.resolve(environments, "release/2026.11", Map.of(), secrets, log))
                .containsExactly(Map.entry("TARGET_DB", "staging_db"));
        assertThat(ParameterOverrides.resolve(environments, "feature/x.y", Map.of(), secrets, log))
                .containsExactly(Map.entry("TARGET_DB", "dev_db"), Map.entry("SAMPLE", "0.1"));
        assertThat(log.lines()).contains("Environment 1 (branches main, master) applies to branch master: TARGET_DB=prod_db.");
    }

    @Test
    void globsMatchTheWholeBranchName() {
        assertThat(ParameterOverrides.matches("main", "main", 1)).isTrue();
        assertThat(ParameterOverrides.matches("main", "mainline", 1)).isFalse();
        assertThat(ParameterOverrides.matches("main", "MAIN", 1)).as("branch names are case-sensitive").isFalse();
        assertThat(ParameterOverrides.matches("release/*", "release/1.2", 1)).isTrue();
        assertThat(ParameterOverrides.matches("release/*", "hotfix/release/1", 1)).isFalse();
        assertThat(ParameterOverrides.matches("feature-?", "feature-a", 1)).isTrue();
        assertThat(ParameterOverrides.matches("feature-?", "feature-ab", 1)).isFalse();
        // Regular-expression characters in a glob are literal.
        assertThat(ParameterOverrides.matches("v1.0", "v1x0", 1)).isFalse();
        assertThat(ParameterOverrides.matches(" dev , main ", "main", 1)).isTrue();
    }

    @Test
    void noMatchingEnvironmentMeansNoOverrides() {
        assertThat(ParameterOverrides.resolve(environments.subList(0, 2), "feature/x", Map.of(), secrets, log)).isEmpty();
        assertThat(ParameterOverrides.resolve(null, "main", null, secrets, log)).isEmpty();
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void commandLineParametersOverrideTheEnvironment() {
        Map<String, String> commandLine = Map.of("TARGET_DB", "scratch_db", "RUN_DATE", "2026-11-21");

        assertThat(ParameterOverrides.resolve(environments, "main", commandLine, secrets, log))
                .containsOnly(Map.entry("TARGET_DB", "scratch_db"), Map.entry("RUN_DATE", "2026-11-21"));
        assertThat(log.lines()).contains("Parameter overrides from the command line: RUN_DATE=2026-11-21, TARGET_DB=scratch_db.");
    }

    @Test
    void aParameterWithoutValueIsRefusedInEveryEnvironmentNamingTheEscapeForSecrets() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("DB_PASSWORD", null); // <DB_PASSWORD>${secret:DB_PASSWORD}</DB_PASSWORD>: Maven resolves nothing
        List<BranchEnvironment> configured = List.of(new BranchEnvironment("feature/*", Map.of("A", "b")),
                new BranchEnvironment("main", params));

        assertThatThrownBy(() -> ParameterOverrides.resolve(configured, "feature/x", Map.of(), secrets, log))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("<environments> entry 2 of the dataflow-maven-plugin configuration gives "
                        + "parameter DB_PASSWORD no value")
                .hasMessageEndingWith("<DB_PASSWORD>$${secret:DB_PASSWORD}</DB_PASSWORD>.");
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void secretLookingValuesAreLoggedByNameOnlyAndLiteralOnesAreWarnedAbout() {
        List<BranchEnvironment> configured = List.of(new BranchEnvironment("main",
                ordered("TARGET_DB", "prod_db", "DB_PASSWORD", "hunter2-env")));
        Map<String, String> commandLine = Map.of("api_token", "tok-123-cli", "S3_ACCESS_KEY", "${secret:S3_ACCESS_KEY}");

        Map<String, String> overrides = ParameterOverrides.resolve(configured, "main", commandLine, secrets, log);

        assertThat(overrides).containsEntry("DB_PASSWORD", "hunter2-env").containsEntry("api_token", "tok-123-cli");
        assertThat(log.toString()).doesNotContain("hunter2-env").doesNotContain("tok-123-cli");
        assertThat(log.lines()).contains(
                "Environment 1 (branches main) applies to branch main: DB_PASSWORD=(hidden), TARGET_DB=prod_db.",
                "Parameter overrides from the command line: S3_ACCESS_KEY=(hidden), api_token=(hidden).");
        // A literal secret ends up in the rendered workflow: say how to keep it out. A placeholder is fine.
        assertThat(log.lines()).filteredOn(line -> line.startsWith("WARN ")).hasSize(2)
                .anySatisfy(line -> assertThat(line).startsWith("WARN Parameter DB_PASSWORD looks secret")
                        .contains("-Ddataflow.param.DB_PASSWORD='${secret:DB_PASSWORD}'"))
                .anySatisfy(line -> assertThat(line).startsWith("WARN Parameter api_token looks secret"));
    }

    @Test
    void secretNamesAreConfigurable() {
        SecretNames onlyPins = SecretNames.of(" *_PIN ", "<secretNames>");

        ParameterOverrides.resolve(List.of(), "main", ordered("CARD_PIN", "1234", "DB_PASSWORD", "plain"), onlyPins, log);

        assertThat(log.lines()).contains("Parameter overrides from the command line: CARD_PIN=(hidden), DB_PASSWORD=plain.");
        assertThatThrownBy(() -> SecretNames.of(" , ", "<secretNames> (dataflow.secretNames)"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<secretNames> (dataflow.secretNames) ' , ' names no glob");
        assertThat(SecretNames.of(null, "x").looksSecret("github_Token_2")).isTrue();
        assertThat(SecretNames.defaults().looksSecret("TARGET_DB")).isFalse();
    }

    @Test
    void anEnvironmentWithoutBranchesIsRejectedWithTheFix() {
        List<BranchEnvironment> broken = List.of(new BranchEnvironment(" ", Map.of("A", "b")));

        assertThatThrownBy(() -> ParameterOverrides.resolve(broken, "main", Map.of(), secrets, log))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<environments> entry 1")
                .hasMessageContaining("<branches>*</branches>");
    }

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
