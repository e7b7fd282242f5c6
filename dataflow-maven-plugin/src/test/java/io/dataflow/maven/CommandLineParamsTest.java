package io.dataflow.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CommandLineParamsTest {

    @Test
    void onlyParameterPropertiesCountByName() {
        Properties userProperties = new Properties();
        userProperties.setProperty("dataflow.param.TARGET_DB", "scratch_db");
        userProperties.setProperty("dataflow.param.EMPTY", "");
        userProperties.setProperty("dataflow.registry", "file:///tmp/r");

        assertThat(CommandLineParams.of(userProperties))
                .containsExactly(Map.entry("EMPTY", ""), Map.entry("TARGET_DB", "scratch_db"));
        assertThat(CommandLineParams.of(null)).isEmpty();
    }

    @Test
    void aParameterPropertyWithoutANameIsRejected() {
        Properties userProperties = new Properties();
        userProperties.setProperty("dataflow.param.", "x");

        assertThatThrownBy(() -> CommandLineParams.of(userProperties))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("-Ddataflow.param.NAME=value");
    }
}
