package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
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
     * {@code text} or {@code json}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.FORMAT, defaultValue = "text")
    private String format;

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
        OutputFormat output = OutputFormat.parse(format);
        String workflowId = requiredWorkflowId(workflow);
        try (ObjectStore store = ObjectStores.open(registrySettings())) {
            RunsReport report = new WorkflowRuns(store, log).runs(workflowId);
            output.print(log, report::toText, report::toJson);
        }
    }
}
