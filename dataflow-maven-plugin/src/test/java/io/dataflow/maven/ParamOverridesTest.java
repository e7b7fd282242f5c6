package io.dataflow.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.fixtures.RecordingLog;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ParamOverridesTest {

    private final RecordingLog log = new RecordingLog();

    private final List<Environment> environments = List.of(
            new Environment("main, master", Map.of("TARGET_DB", "prod_db")),
            new Environment("release/*", Map.of("TARGET_DB", "staging_db")),
            new Environment("*", Map.of("TARGET_DB", "dev_db", "SAMPLE", "0.1")));

    @Test
    void theFirstEnvironmentWhoseBranchesMatchWins() {
        assertThat(ParamOverrides.resolve(environments, "master", new Properties(), log))
                .containsExactly(Map.entry("TARGET_DB", "prod_db"));
        assertThat(ParamOverrides.resolve(environments, "release/2026.11", new Properties(), log))
                .containsExactly(Map.entry("TARGET_DB", "staging_db"));
        assertThat(ParamOverrides.resolve(environments, "feature/x.y", new Properties(), log))
                .containsOnly(Map.entry("TARGET_DB", "dev_db"), Map.entry("SAMPLE", "0.1"));
        assertThat(log.lines()).contains("Environment 1 (branches main, master) applies to branch master: TARGET_DB=prod_db.");
    }

    @Test
    void globsMatchTheWholeBranchName() {
        assertThat(ParamOverrides.matches("main", "main", 1)).isTrue();
        assertThat(ParamOverrides.matches("main", "mainline", 1)).isFalse();
        assertThat(ParamOverrides.matches("release/*", "release/1.2", 1)).isTrue();
        assertThat(ParamOverrides.matches("release/*", "hotfix/release/1", 1)).isFalse();
        assertThat(ParamOverrides.matches("feature-?", "feature-a", 1)).isTrue();
        assertThat(ParamOverrides.matches("feature-?", "feature-ab", 1)).isFalse();
        // Regular-expression characters in a glob are literal.
        assertThat(ParamOverrides.matches("v1.0", "v1x0", 1)).isFalse();
        assertThat(ParamOverrides.matches(" dev , main ", "main", 1)).isTrue();
    }

    @Test
    void noMatchingEnvironmentMeansNoOverrides() {
        assertThat(ParamOverrides.resolve(environments.subList(0, 2), "feature/x", new Properties(), log)).isEmpty();
        assertThat(ParamOverrides.resolve(null, "main", new Properties(), log)).isEmpty();
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void commandLineParametersOverrideTheEnvironment() {
        Properties userProperties = new Properties();
        userProperties.setProperty("dataflow.param.TARGET_DB", "scratch_db");
        userProperties.setProperty("dataflow.param.RUN_DATE", "2026-11-21");
        userProperties.setProperty("dataflow.registry", "file:///tmp/r");

        assertThat(ParamOverrides.resolve(environments, "main", userProperties, log))
                .containsOnly(Map.entry("TARGET_DB", "scratch_db"), Map.entry("RUN_DATE", "2026-11-21"));
        assertThat(log.lines()).contains("Parameter overrides from the command line: RUN_DATE=2026-11-21, TARGET_DB=scratch_db.");
    }

    @Test
    void anEnvironmentWithoutBranchesIsRejectedWithTheFix() {
        List<Environment> broken = List.of(new Environment(" ", Map.of("A", "b")));

        assertThatThrownBy(() -> ParamOverrides.resolve(broken, "main", new Properties(), log))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<environments> entry 1")
                .hasMessageContaining("<branches>*</branches>");
    }

    @Test
    void aParameterPropertyWithoutANameIsRejected() {
        Properties userProperties = new Properties();
        userProperties.setProperty("dataflow.param.", "x");

        assertThatThrownBy(() -> ParamOverrides.commandLine(userProperties))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("-Ddataflow.param.NAME=value");
    }
}
