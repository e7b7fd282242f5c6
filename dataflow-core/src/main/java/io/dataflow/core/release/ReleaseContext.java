package io.dataflow.core.release;

import io.dataflow.core.identity.GitState;
import java.time.Instant;
import java.util.Objects;

/**
 * Who releases what, and when.
 *
 * @param git the repository state; its branch decides the workflow ids' scope
 * @param deployer the user name recorded in manifests and activations
 * @param now the release time recorded in manifests and activations
 * @param toolVersion the plugin version recorded in manifests
 */
public record ReleaseContext(GitState git, String deployer, Instant now, String toolVersion) {

    public ReleaseContext {
        Objects.requireNonNull(git, "git");
        Objects.requireNonNull(deployer, "deployer");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(toolVersion, "toolVersion");
    }
}
