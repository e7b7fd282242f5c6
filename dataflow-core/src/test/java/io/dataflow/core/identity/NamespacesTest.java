package io.dataflow.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamespacesTest {

    @ParameterizedTest
    @ValueSource(strings = {"scala-workflow", "hello_world", "a", "0day", "ns-1_2"})
    void acceptsLowerCaseLabels(String namespace) {
        assertThat(Namespaces.validate(namespace, "<namespace>")).isEqualTo(namespace);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bad.Name", "UPPER", "-leading", "_leading", "with space", "dot.ted", ""})
    void rejectsOtherLabelsNamingTheOriginAndThePattern(String namespace) {
        assertThat(Namespaces.isValid(namespace)).isFalse();
        assertThatThrownBy(() -> Namespaces.validate(namespace, "pom.xml parameter <namespace>"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Invalid namespace '" + namespace + "' in pom.xml parameter <namespace>")
                .hasMessageContaining("[a-z0-9][a-z0-9_-]*")
                .hasMessageContaining("e.g. 'scala-workflow'");
    }

    @org.junit.jupiter.api.Test
    void rejectsNull() {
        assertThatThrownBy(() -> Namespaces.validate(null, "<namespace>"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Invalid namespace 'null'");
    }
}
