package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.release.HistoryReport;
import io.dataflow.core.release.WorkflowReleases;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Prints the versions of one workflow, newest first: when and from which commit each was deployed, the asset
 * builds and files it is made of, its activations, and which version is active. Read-only; runs once per
 * invocation, inside a project (its registry configuration) or outside one.
 *
 * @since 0.1.0
 */
@Mojo(name = "history", aggregator = true, requiresProject = false, threadSafe = true)
public class HistoryMojo extends AbstractDataflowMojo {

    /**
     * The workflow id as {@code dataflow:deploy} printed it: the file's id for mainline deploys, {@code <id>@<branch>}
     * (sanitized branch) for deploys from another branch.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.WORKFLOW, defaultValue = "")
    private String workflow;

    /**
     * {@code text}, or {@code json} for one JSON document ({@code dataflow.history/1}) printed alone on
     * standard output: with {@code mvn -q} it is all the output.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.FORMAT, defaultValue = "text")
    private String format;

    /**
     * How many versions to show, newest first, with as many of the newest activations; {@code 0} shows all. Each
     * version shown costs one small registry read, so the default keeps the goal fast on long histories.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.LIMIT, defaultValue = "10")
    private int limit;

    /**
     * A file to write the JSON document to, whatever the format; relative to the working directory.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.OUTPUT)
    private String output;

    @Inject
    public HistoryMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected String goal() {
        return "dataflow:history";
    }

    @Override
    protected void run(DataflowLog log) {
        ReportOutput report = reportOutput(format, output);
        String workflowId = requiredWorkflowId(workflow);
        try (ObjectStore store = ObjectStores.open(registrySettings())) {
            HistoryReport history = new WorkflowReleases(store, log).history(workflowId, limit);
            report.print(history, log);
        }
    }
}
