package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.project.DataflowProject;
import io.dataflow.core.project.ProjectOptions;
import io.dataflow.core.registry.ObjectStore;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Tests and validates the reactor without changing the registry: runs the Python packages' tests (unless
 * {@code -DskipTests}), then renders every workflow into {@code target/dataflow/} against the builds the reactor
 * is about to make and the registry's builds, and validates it. Runs in the last module, for the whole reactor.
 *
 * @since 0.1.0
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class TestMojo extends AbstractWorkflowMojo {

    @Inject
    public TestMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected String goal() {
        return "dataflow:test";
    }

    @Override
    protected void act(DataflowProject dataflow, ObjectStore store, ProjectOptions options, DataflowLog log) {
        dataflow.verify(store, options);
    }
}
