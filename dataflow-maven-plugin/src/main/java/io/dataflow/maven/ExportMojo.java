package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.maestro.MaestroExport;
import io.dataflow.core.maestro.MaestroExports;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.release.WorkflowReleases;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Writes a released workflow version as Netflix Maestro's YAML DSL, from the registry alone:
 * {@code target/dataflow/maestro/<maestro id>.yaml}, plus {@code <maestro id>.json} (Maestro's JSON create request,
 * which carries the schedule) for a workflow with a trigger. Every program the export runs is the copy inside the
 * version's bundle. Pushes nothing. Runs once per invocation, inside a project (its registry and {@code <maestro>}
 * configuration) or outside one.
 *
 * <pre>mvn dataflow:export -Ddataflow.workflow=stranger-data.top-titles-sql.main -Ddataflow.version=3</pre>
 *
 * @since 0.1.0
 */
@Mojo(name = "export", aggregator = true, requiresProject = false, threadSafe = true)
public class ExportMojo extends AbstractDataflowMojo {

    /**
     * The workflow id as {@code dataflow:deploy} printed it: {@code <id>}, or {@code <id>@<branch>} for a branch deploy.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.WORKFLOW, defaultValue = "")
    private String workflow;

    /**
     * The version to export. Empty means the active version.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.VERSION)
    private Integer version;

    @Inject
    public ExportMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected String goal() {
        return "dataflow:export";
    }

    @Override
    protected void run(DataflowLog log) {
        String workflowId = requiredWorkflowId(workflow);
        try (ObjectStore store = ObjectStores.open(registrySettings())) {
            int exported = version != null ? version : new WorkflowReleases(store, log).activeVersion(workflowId)
                    .orElseThrow(() -> new InvalidInputException("Workflow " + workflowId + " has no active version in "
                            + store.root() + "; name the version to export with -D" + PropertyNames.VERSION
                            + "=<n> ('mvn dataflow:history -D" + PropertyNames.WORKFLOW + "=" + workflowId
                            + "' lists them)."));
            MaestroExport export = new MaestroExports(store, maestroMapping())
                    .ofVersion(workflowId, exported);
            List<Path> files = export.writeTo(Path.of(project.getBuild().getDirectory(), "dataflow", "maestro"));
            if (export.jsonProblem() != null) {
                log.warn("Wrote the YAML only; the JSON create request Maestro needs for the trigger was not written: "
                        + export.jsonProblem());
            }
            for (Path file : files) {
                log.info("EXPORTED " + workflowId + " version " + exported + " as Maestro workflow " + export.maestroId()
                        + ": " + file);
            }
        }
    }
}
