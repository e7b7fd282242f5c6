package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.identity.Namespaces;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Checks this module's Dataflow configuration during {@code verify}, without touching the registry, so
 * that mistakes surface before {@code deploy}. Currently it validates the {@code <namespace>}.
 *
 * @since 0.1.0
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class TestMojo extends AbstractDataflowMojo {

    /**
     * The namespace of this module's JAR; see {@code dataflow:deploy}.
     *
     * @since 0.1.0
     */
    @Parameter
    private String namespace;

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
        if (namespace != null && !namespace.isBlank()) {
            Namespaces.validate(namespace, namespaceOrigin());
            log.info("Namespace '" + namespace + "' is valid.");
        }
    }
}
