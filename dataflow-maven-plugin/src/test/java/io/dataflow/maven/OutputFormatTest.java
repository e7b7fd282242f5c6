package io.dataflow.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class OutputFormatTest {

    @Test
    void textIsTheDefaultAndJsonIsAccepted() {
        assertThat(OutputFormat.parse(null)).isEqualTo(OutputFormat.TEXT);
        assertThat(OutputFormat.parse("")).isEqualTo(OutputFormat.TEXT);
        assertThat(OutputFormat.parse(" JSON ")).isEqualTo(OutputFormat.JSON);
    }

    @Test
    void anUnknownFormatNamesThePropertyAndTheChoices() {
        assertThatThrownBy(() -> OutputFormat.parse("yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Unknown output format 'yaml' in dataflow.format; use text or json (-Ddataflow.format=json).");
    }
}
