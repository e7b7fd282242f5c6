package io.dataflow.core.maestro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three archetype samples, deployed and exported from the registry, equal the checked-in expected files under
 * {@code src/test/resources/maestro/expected/<archetype>/}. The samples' workflows come from the archetypes' own IT
 * reference projects, so a change of a sample shows here as a diff. To accept a deliberate change, run once with
 * {@code -Ddataflow.test.updateExpected=true} (the run rewrites the files and fails), review the diff, run again.
 */
class ArchetypeExportTest {

    static final Path EXPECTED = Path.of("src/test/resources/maestro/expected");

    @TempDir
    Path temp;

    static List<String> archetypes() {
        return ArchetypeSample.ARCHETYPES;
    }

    @ParameterizedTest
    @MethodSource("archetypes")
    void everyReleasedWorkflowExportsAsTheExpectedMaestroFiles(String archetype) throws Exception {
        try (ArchetypeSample sample = ArchetypeSample.deploy(archetype, temp)) {
            assertThat(sample.workflowIds()).hasSize(3);
            MaestroExports exports = new MaestroExports(sample.store(), MaestroMapping.defaults());
            List<String> mismatches = new ArrayList<>();
            List<String> written = new ArrayList<>();
            for (String workflowId : sample.workflowIds()) {
                MaestroExport export = exports.ofVersion(workflowId, 1);
                compare(archetype, export.yamlFileName(), sample.normalize(export.yaml()), mismatches, written);
                if (export.hasTrigger()) {
                    compare(archetype, export.jsonFileName(), sample.normalize(export.json()), mismatches, written);
                }
            }
            if (!written.isEmpty()) {
                fail("Rewrote " + written + "; review the diff and run again without -Ddataflow.test.updateExpected.");
            }
            assertThat(mismatches).isEmpty();
        }
    }

    @Test
    void theMaestroPageShowsTheSparkSqlSampleExactlyAsItIsExported() throws IOException {
        Path page = ArchetypeSample.repositoryRoot().resolve("docs/maestro.md");
        String docs = Files.readString(page);
        Path sparksql = EXPECTED.resolve("dataflow-archetype-sparksql");
        for (String file : List.of("stranger-data.top-titles-sql.main.yaml", "stranger-data.top-titles-sql.daily.yaml",
                "stranger-data.top-titles-sql.daily.json")) {
            String fence = file.endsWith(".json") ? "```json\n" : "```yaml\n";
            String expected = Files.readString(sparksql.resolve(file));
            assertThat(docs).as(page + " shows " + file).contains(fence + expected + (expected.endsWith("\n") ? "" : "\n")
                    + "```\n");
        }
    }

    private static void compare(String archetype, String fileName, String actual, List<String> mismatches,
            List<String> written) throws IOException {
        Path expected = EXPECTED.resolve(archetype).resolve(fileName);
        if (Boolean.getBoolean("dataflow.test.updateExpected")) {
            Files.createDirectories(expected.getParent());
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            written.add(expected.toString());
            return;
        }
        if (!Files.exists(expected)) {
            mismatches.add(expected + " is missing; the export was:\n" + actual);
        } else if (!Files.readString(expected).equals(actual)) {
            assertThat(actual).as(expected.toString()).isEqualTo(Files.readString(expected));
        }
    }
}
