package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.maestro.MaestroOptions;
import io.dataflow.core.maestro.MaestroPublisher;
import io.dataflow.core.project.ProjectOptions;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.release.RollbackResult;
import io.dataflow.core.release.WorkflowReleases;
import java.time.Instant;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Makes an earlier version of a workflow active again, with the exact asset builds it was released with; nothing
 * is rebuilt or copied, the registry only gains an activation record. With a Maestro URL the matching Maestro version
 * is activated first (docs/maestro.md). Runs once per invocation, inside a project (its registry configuration) or
 * outside one.
 *
 * @since 0.1.0
 */
@Mojo(name = "rollback", aggregator = true, requiresProject = false, threadSafe = true)
public class RollbackMojo extends AbstractDataflowMojo {

    /**
     * The workflow id as {@code dataflow:deploy} printed it: the file's id for mainline deploys, {@code <id>@<branch>}
     * (sanitized branch) for deploys from another branch.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.WORKFLOW, defaultValue = "")
    private String workflow;

    /**
     * The version to activate. Empty means the version that was active before the current one, so repeated
     * rollbacks step further back. Naming the version that is already active changes nothing and succeeds.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.VERSION)
    private Integer version;

    @Inject
    public RollbackMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected String goal() {
        return "dataflow:rollback";
    }

    @Override
    protected void run(DataflowLog log) {
        String workflowId = requiredWorkflowId(workflow);
        String deployer = ProjectOptions.defaults().deployer();
        MaestroOptions maestroOptions = maestroOptions(deployer);
        try (ObjectStore store = ObjectStores.open(registrySettings())) {
            // With a Maestro URL, the matching Maestro version is activated before the registry's rollback record.
            RollbackResult result = new WorkflowReleases(store, log,
                    MaestroPublisher.listenerFor(store, maestroOptions, deployer, log))
                    .rollback(workflowId, version, deployer, Instant.now());
            log.info(result.line());
        }
    }
}
