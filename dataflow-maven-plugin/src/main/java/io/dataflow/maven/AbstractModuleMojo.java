package io.dataflow.maven;

import io.dataflow.core.identity.Namespaces;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Goals that act on one module's own asset, configured by its {@code <namespace>}. */
abstract class AbstractModuleMojo extends AbstractDataflowMojo {

    /**
     * The namespace of this module's JAR, e.g. {@code scala-workflow}; configuring it is what makes a JAR
     * module an asset. Must match {@code [a-z0-9][a-z0-9_-]*} and be unique in the registry. Set in the
     * pom only: a command-line value would give every module of a reactor the same namespace.
     *
     * @since 0.1.0
     */
    @Parameter
    protected String namespace;

    protected AbstractModuleMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /** The configured namespace, validated before anything touches the registry; empty when none is set. */
    protected Optional<String> validatedNamespace() {
        if (namespace == null || namespace.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Namespaces.validate(namespace.trim(),
                project.getFile() + " (dataflow-maven-plugin parameter <namespace>)"));
    }
}
