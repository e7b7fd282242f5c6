package io.dataflow.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.Report;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.fixtures.RecordingLog;
import io.dataflow.core.release.DeployedWorkflowsReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportOutputTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final PrintStream standardOutput = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    private final RecordingLog log = new RecordingLog();

    private final Report report = new DeployedWorkflowsReport(List.of(new DeployedWorkflowsReport.WorkflowEntry(
            "daily@feature-x", "daily", "feature-x", 2, Instant.parse("2026-11-21T12:00:00Z"), 3)));

    @Test
    void jsonIsTheOnlyThingOnStandardOutputAndNothingIsLogged() throws Exception {
        ReportOutput.of("json", null, standardOutput).print(report, log);

        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertThat(printed).isEqualTo(report.toJson() + System.lineSeparator());
        Map<?, ?> document = Json.mapper().readValue(printed, Map.class);
        assertThat(document.get("schema")).isEqualTo("dataflow.workflows/2");
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void textGoesToTheLogAndTheOutputFileGetsTheJsonDocument() throws Exception {
        Path file = directory.resolve("reports/workflows.json");

        ReportOutput.of("text", file.toString(), standardOutput).print(report, log);

        assertThat(stdout.size()).isZero();
        assertThat(log.lines()).containsExactly("Wrote the dataflow.workflows/2 document to " + file + ".",
                "Deployed workflows:",
                "-> daily@feature-x  active version 2 since 2026-11-21T12:00:00Z, newest version 3",
                "Summary: 1 found.");
        assertThat(Json.mapper().readValue(file.toFile(), Map.class).get("workflows")).asList().hasSize(1);
    }

    @Test
    void anExistingOutputFileIsReplacedWhollyAndNoTemporaryFileStays() throws Exception {
        Path file = Files.writeString(directory.resolve("out.json"), "x".repeat(10_000));

        ReportOutput.of("json", file.toString(), standardOutput).print(report, log);

        assertThat(Files.readString(file)).isEqualTo(report.toJson() + System.lineSeparator());
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo(report.toJson() + System.lineSeparator());
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aDirectoryAsOutputIsRefusedWithTheFixAndNothingIsPrinted() {
        assertThatThrownBy(() -> ReportOutput.of("json", directory.toString(), standardOutput).print(report, log))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("dataflow.output names the directory " + directory)
                .hasMessageContaining("-Ddataflow.output=" + directory.resolve("report.json"));
        assertThat(stdout.size()).isZero();
    }
}
