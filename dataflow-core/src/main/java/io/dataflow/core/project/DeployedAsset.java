package io.dataflow.core.project;

import io.dataflow.core.registry.AssetDeployment;

/**
 * One asset of the reactor after {@code dataflow:deploy}.
 *
 * @param component the asset as listed (type, namespace, display path)
 * @param deployment the build it became (or reused, when unchanged) and the bytes sent
 */
public record DeployedAsset(Component component, AssetDeployment deployment) {

    /** The line a deploy prints after the path: {@code DEPLOYED AS <uuid>} or {@code UNCHANGED <uuid>}. */
    public String summary() {
        return (deployment.unchanged() ? "UNCHANGED " : "DEPLOYED AS ") + deployment.build().id().format();
    }
}
