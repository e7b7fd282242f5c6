package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.gc.Pins;
import io.dataflow.core.project.ProjectOptions;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import java.time.Instant;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Pins a workflow version so that {@code dataflow:gc} keeps it, its bundle and the asset builds it uses, whatever its
 * age; {@code -Ddataflow.unpin} removes the pin. Pinning never changes what runs. Runs once per invocation, inside a
 * project (its registry configuration) or outside one.
 *
 * @since 0.1.0
 */
@Mojo(name = "pin", aggregator = true, requiresProject = false, threadSafe = true)
public class PinMojo extends AbstractDataflowMojo {

    /**
     * The workflow id as {@code dataflow:deploy} printed it ({@code <id>@<branch>} for branch deploys).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.WORKFLOW, defaultValue = "")
    private String workflow;

    /**
     * The version to pin (or unpin).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.VERSION)
    private Integer version;

    /**
     * Removes the pin instead of setting it.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.UNPIN, defaultValue = "false")
    private boolean unpin;

    @Inject
    public PinMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected String goal() {
        return "dataflow:pin";
    }

    @Override
    protected void run(DataflowLog log) {
        String workflowId = requiredWorkflowId(workflow);
        if (version == null) {
            throw new InvalidInputException("Name the version to " + (unpin ? "unpin" : "pin") + " with -D"
                    + PropertyNames.VERSION + "=<n>; mvn dataflow:history -D" + PropertyNames.WORKFLOW + "=" + workflowId
                    + " lists the versions.");
        }
        try (ObjectStore store = ObjectStores.open(registrySettings())) {
            Pins pins = new Pins(store);
            log.info(unpin ? pins.unpin(workflowId, version)
                    : pins.pin(workflowId, version, ProjectOptions.defaults().deployer(), Instant.now()));
        }
    }
}
