package io.dataflow.core.maestro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every checked-in export conforms to the JSON Schema of the Maestro DSL subset, and the schema is strict enough to
 * catch what Maestro would misread: a field the export never writes (Maestro would take it for a parameter), an id
 * outside Maestro's character rules, an empty value, a missing provenance parameter.
 */
class MaestroSchemaTest {

    static Stream<Path> expectedYamlFiles() throws IOException {
        return Files.walk(ArchetypeExportTest.EXPECTED).filter(file -> file.toString().endsWith(".yaml")).sorted();
    }

    @Test
    void theExpectedExportsOfAllThreeArchetypesAreChecked() throws IOException {
        assertThat(expectedYamlFiles().map(file -> file.getParent().getFileName().toString()).distinct())
                .containsExactlyInAnyOrderElementsOf(ArchetypeSample.ARCHETYPES);
        assertThat(expectedYamlFiles()).hasSize(9);
    }

    @ParameterizedTest
    @MethodSource("expectedYamlFiles")
    void everyExpectedExportConforms(Path file) throws IOException {
        assertThat(MaestroSchema.violations(Files.readString(file))).isEmpty();
    }

    @Test
    void theSchemaRefusesWhatMaestroWouldMisread() throws IOException {
        String valid = Files.readString(ArchetypeExportTest.EXPECTED
                .resolve("dataflow-archetype-sparksql/stranger-data.top-titles-sql.main.yaml"));
        assertThat(MaestroSchema.violations(valid)).isEmpty();

        List<String> variants = List.of(
                valid.replace("\n  owner: jdoe\n", "\n  owner: jdoe\n  run_strategy: parallel\n"),
                valid.replace("id: source_ddl", "id: 1st_ddl"),
                valid.replace("id: source_ddl", "id: source__ddl"),
                valid.replace("  CATALOG: local\n", "  CATALOG:\n"),
                valid.replace("  CATALOG: local\n", "  maestro_catalog: local\n"),
                valid.replace("  dataflow_commit(constant): ", "  commit: "),
                valid.replace("        type: Metadata\n", "        type: Metadata\n        timeout: 1h\n"),
                valid.replace("id: stranger-data.top-titles-sql.main", "id: stranger-data.top-titles-sql.main@feature"));
        for (String variant : variants) {
            assertThat(variant).isNotEqualTo(valid);
            assertThat(MaestroSchema.violations(variant)).as(variant).isNotEmpty();
        }
    }
}
