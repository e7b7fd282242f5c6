package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.params.SecretNames;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.run.RunsReport;
import io.dataflow.core.run.WorkflowRuns;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Lists the recorded local runs of a workflow ({@code dataflow:run}), newest first: run id, time, version,
 * status, duration, who ran it, the bundle digest, and every task that did not succeed. With
 * {@code -Ddataflow.format=json} the full records (parameters, asset UUIDs and sha256s, task timings) are printed
 * as one JSON document. Read-only; needs no project.
 *
 * @since 0.1.0
 */
@Mojo(name = "runs", aggregator = true, threadSafe = true, requiresProject = false)
public class RunsMojo extends AbstractDataflowMojo {

    /**
     * The workflow id whose runs are listed ({@code <id>} or {@code <id>@<branch>}).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.WORKFLOW, defaultValue = "")
    private String workflow;

    /**
     * {@code text}, or {@code json} for one JSON document ({@code dataflow.runs/1}) printed alone on
     * standard output: with {@code mvn -q} it is all the output.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.FORMAT, defaultValue = "text")
    private String format;

    /**
     * A file to write the JSON document to, whatever the format; relative to the working directory.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.OUTPUT)
    private String output;

    /**
     * Parameter names whose values the text shows as {@code (hidden)}: comma-separated globs, matched regardless of
     * case (as for {@code dataflow:run}).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SECRET_NAMES, defaultValue = SecretNames.DEFAULT_GLOBS)
    private String secretNames;

    @Inject
    public RunsMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected String goal() {
        return "dataflow:runs";
    }

    @Override
    protected void run(DataflowLog log) {
        ReportOutput report = reportOutput(format, output);
        String workflowId = requiredWorkflowId(workflow);
        SecretNames hidden = SecretNames.of(secretNames, "<secretNames> (" + PropertyNames.SECRET_NAMES + ")");
        try (ObjectStore store = ObjectStores.open(registrySettings())) {
            RunsReport runs = new WorkflowRuns(store, log).runs(workflowId).withSecretNames(hidden);
            report.print(runs, log);
        }
    }
}
