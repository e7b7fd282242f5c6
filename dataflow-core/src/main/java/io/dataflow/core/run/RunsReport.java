package io.dataflow.core.run;

import io.dataflow.contract.run.TaskResult;
import io.dataflow.contract.run.TaskStatus;
import io.dataflow.core.Report;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.params.SecretNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of one workflow, newest first, as {@code dataflow:runs} prints them.
 *
 * @param secretNames parameters whose values the text shows as {@code (hidden)}; the JSON document is the stored
 *     record, which holds no value a {@code ${secret:NAME}} resolved to
 */
public record RunsReport(String workflowId, List<RunRecord> runs, SecretNames secretNames) implements Report {

    public static final String SCHEMA = "dataflow.runs/1";

    public RunsReport {
        runs = List.copyOf(runs);
        secretNames = secretNames == null ? SecretNames.defaults() : secretNames;
    }

    public RunsReport(String workflowId, List<RunRecord> runs) {
        this(workflowId, runs, null);
    }

    /** The same runs, with the text hiding the values of these parameter names. */
    public RunsReport withSecretNames(SecretNames names) {
        return new RunsReport(workflowId, runs, names);
    }

    @Override
    public String schema() {
        return SCHEMA;
    }

    /** Per run: one line, its parameters, its error, one line per task that did not succeed; then the summary. */
    @Override
    public List<String> toText() {
        List<String> lines = new ArrayList<>();
        lines.add("Runs of workflow " + workflowId + ":");
        for (RunRecord run : runs) {
            lines.add("-> " + run.runId() + "  " + Report.time(run.startedAt()) + "  version " + run.version() + "  "
                    + run.status() + "  " + seconds(run.durationMs()) + "  by " + run.runBy() + "  bundle "
                    + run.bundleDigest());
            lines.add("      " + (run.parameters().isEmpty() ? "no parameters"
                    : "parameters " + secretNames.describe(run.parameters())));
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
