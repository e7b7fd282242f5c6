package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.check.CheckOptions;
import io.dataflow.core.check.RegistryCheck;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import java.time.Instant;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Verifies the whole registry: every visible asset build and every workflow bundle against the sha256 and size
 * their records name, every activation record and manifest for readability; reports damaged records (the build
 * fails) and orphans that interrupted writes left (claims and bytes without metadata, unfinished versions,
 * temporary files, incomplete multipart uploads) and versions never activated. Read-only unless
 * {@code -Ddataflow.repair}. Runs once per invocation, inside a project (its registry configuration) or outside one.
 *
 * @since 0.1.0
 */
@Mojo(name = "check-registry", aggregator = true, requiresProject = false, threadSafe = true)
public class CheckRegistryMojo extends AbstractDataflowMojo {

    /**
     * Removes orphans that were never visible and are older than {@code repairGrace}: nothing visible, nothing an
     * activation names, never the highest claim of a line or workflow.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.REPAIR, defaultValue = "false")
    private boolean repair;

    /**
     * How old an orphan must be before repair removes it ({@code 7d}, {@code 36h}, {@code 90m}, or ISO-8601 such as
     * {@code P7D}); younger ones may belong to a deploy still running. At least one hour.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.REPAIR_GRACE, defaultValue = "7d")
    private String repairGrace;

    @Inject
    public CheckRegistryMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected String goal() {
        return "dataflow:check-registry";
    }

    @Override
    protected void run(DataflowLog log) {
        CheckOptions options = new CheckOptions(repair, CheckOptions.parseGrace(repairGrace), Instant.now());
        try (ObjectStore store = ObjectStores.open(registrySettings())) {
            new RegistryCheck(store, log).run(options).requireNoProblems();
        }
    }
}
