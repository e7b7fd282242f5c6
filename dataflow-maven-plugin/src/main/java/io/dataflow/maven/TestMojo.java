package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Checks this module's Dataflow configuration during {@code verify}, without touching the registry, so
 * that mistakes surface before {@code deploy}. Currently it validates the {@code <namespace>}.
 *
 * @since 0.1.0
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class TestMojo extends AbstractModuleMojo {

    @Inject
    public TestMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected String goal() {
        return "dataflow:test";
    }

    @Override
    protected void run(DataflowLog log) {
        validatedNamespace().ifPresent(valid -> log.info("Namespace '" + valid + "' is valid."));
    }
}
