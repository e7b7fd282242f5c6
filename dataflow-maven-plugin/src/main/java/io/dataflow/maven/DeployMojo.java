package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.project.DataflowProject;
import io.dataflow.core.project.DeployReport;
import io.dataflow.core.project.ModuleSources;
import io.dataflow.core.project.ProjectOptions;
import io.dataflow.core.registry.ObjectStore;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Deploys the whole reactor, all or nothing: every asset (Python wheels, SQL files, JARs) under a new immutable
 * identity derived from git, then every workflow as a new version with its bundle, activated together. Modules
 * only report their sources; the last module of the reactor deploys them all.
 *
 * @since 0.1.0
 */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class DeployMojo extends AbstractReleaseMojo {

    @Inject
    public DeployMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected String goal() {
        return "dataflow:deploy";
    }

    @Override
    protected void deferred(ModuleSources module, DataflowLog log) {
        if (module.jar() != null) {
            log.info("JAR " + module.jar().namespace() + " will be deployed by the last module that runs dataflow:deploy.");
        }
    }

    @Override
    protected void act(DataflowProject dataflow, ObjectStore store, ProjectOptions options, DataflowLog log) {
        DeployReport report = dataflow.deploy(store, options);
        if (report.git().dirty()) {
            log.warn(report.git().workTree() + " has uncommitted changes to tracked files: the deployed builds may "
                    + "not match commit " + report.git().shortCommit() + " (their metadata records this).");
        }
    }
}
