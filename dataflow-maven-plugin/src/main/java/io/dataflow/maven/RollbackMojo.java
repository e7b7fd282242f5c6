package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
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
 * is rebuilt or copied, the registry only gains an activation record. Runs once per invocation, inside a project
 * (its registry configuration) or outside one.
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
        try (ObjectStore store = ObjectStores.open(registrySettings())) {
            RollbackResult result = new WorkflowReleases(store, log).rollback(workflowId, version,
                    ProjectOptions.defaults().deployer(), Instant.now());
            log.info(result.line());
        }
    }
}
