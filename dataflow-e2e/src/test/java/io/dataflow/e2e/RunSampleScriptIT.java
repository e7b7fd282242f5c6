package io.dataflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's main job, {@code bash scripts/run-sample.sh}, prints the top titles of its countries. */
class RunSampleScriptIT {

    private static final Pattern TOP_ROW = Pattern.compile("^\\|(BR|DE|JP|US) +\\|([123]) +\\|\\d+ +\\|[0-9.]+ *\\|$",
            Pattern.MULTILINE);

    @Test
    void mainJobRunsTheSampleAndPrintsTheTopTitles() throws Exception {
        assumeFalse(Maven.isWindows(), "scripts/run-sample.sh is a bash script; on Windows follow docs/getting-started.md");
        SampleWorkspace workspace = SampleWorkspace.create("script");
        Path script = Path.of(System.getProperty("e2e.runSampleScript", "../scripts/run-sample.sh")).toAbsolutePath();

        // SKIP_INSTALL: this build has just installed the reactor; the script would install it a second time.
        String output = workspace.maven.succeedScript(script, workspace.root,
                Map.of("SKIP_INSTALL", "1", "SAMPLE_DIR", workspace.root.toString(), "USER", "e2e_script"),
                "2024-03-02");

        assertThat(output).contains("|country_code|title_rank|title_id|view_hours|");
        Matcher rows = TOP_ROW.matcher(output);
        List<String> countryRanks = rows.results().map(row -> row.group(1) + row.group(2)).distinct().toList();
        assertThat(countryRanks).containsExactlyInAnyOrder(
                "BR1", "BR2", "BR3", "DE1", "DE2", "DE3", "JP1", "JP2", "JP3", "US1", "US2", "US3");

        List<JsonNode> mainRuns = workspace.runRecords("top-titles.main");
        assertThat(mainRuns).hasSize(1);
        assertThat(mainRuns.get(0).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(SampleWorkspace.writtenRows(mainRuns.get(0))).isBetween(19_000L, 19_100L);
    }
}
