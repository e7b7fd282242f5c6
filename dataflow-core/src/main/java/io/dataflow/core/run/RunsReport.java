package io.dataflow.core.run;

import io.dataflow.contract.run.TaskResult;
import io.dataflow.contract.run.TaskStatus;
import io.dataflow.core.Report;
import io.dataflow.core.bundle.Json;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The runs of one workflow, newest first, as {@code dataflow:runs} prints them. */
public record RunsReport(String workflowId, List<RunRecord> runs) implements Report {

    public static final String SCHEMA = "dataflow.runs/1";

    public RunsReport {
        runs = List.copyOf(runs);
    }

    @Override
    public String schema() {
        return SCHEMA;
    }

    /** One line per run, then one line per task that did not succeed, then the summary. */
    @Override
    public List<String> toText() {
        List<String> lines = new ArrayList<>();
        lines.add("Runs of workflow " + workflowId + ":");
        for (RunRecord run : runs) {
            lines.add("-> " + run.runId() + "  " + run.startedAt().truncatedTo(ChronoUnit.SECONDS) + "  version " + run.version() + "  " + run.status()
                    + "  " + seconds(run.durationMs()) + "  by " + run.runBy() + "  bundle " + run.bundleDigest());
            if (run.error() != null) {
                lines.add("      error: " + run.error());
            }
            for (TaskResult task : run.tasks()) {
                if (task.status() != TaskStatus.SUCCEEDED) {
                    lines.add("      task " + task.id() + " " + task.status()
                            + (task.error() == null ? "" : ": " + task.error()));
                }
            }
        }
        lines.add("Summary: " + runs.size() + " found.");
        return lines;
    }

    @Override
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", SCHEMA);
        json.put("workflowId", workflowId);
        json.put("runs", runs);
        return Json.pretty(json);
    }

    static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
