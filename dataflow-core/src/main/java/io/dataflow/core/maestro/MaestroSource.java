package io.dataflow.core.maestro;

import io.dataflow.core.bundle.BundleLocationIndex;
import io.dataflow.core.workflow.Workflow;
import io.dataflow.core.workflow.YamlDocument;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One workflow version as the converter sees it: the rendered workflow, where its bundle is, and what identifies it.
 *
 * @param workflowId the registry id, {@code <id>@<branch>} off mainline
 * @param version the Dataflow version
 * @param bundleDigest {@code sha256:…} of the version's manifest, or {@code null} for a preview of a version not
 *     released yet
 * @param commit the full commit the version was built from
 * @param deployer who deployed it (the default Maestro owner)
 * @param sourcePath the {@code *.sch.yaml} file relative to the repository root, for messages
 * @param bundleLocation where the bundle lives, e.g. {@code s3://dataflow/workflows/x/versions/3/}
 * @param workflow the rendered workflow
 * @param document the rendered workflow's YAML, to find keys the export has no place for; {@code null} to skip that
 * @param locations which bundle copy each registry location of the rendered workflow stands for
 * @param locationOfKey the concrete location of a registry key (the bundle copies' locations)
 * @param subworkflowIds the Maestro workflow id a subworkflow step's {@code workflow} names
 */
public record MaestroSource(String workflowId, int version, String bundleDigest, String commit, String deployer,
        String sourcePath, String bundleLocation, Workflow workflow, YamlDocument document, BundleLocationIndex locations,
        UnaryOperator<String> locationOfKey, UnaryOperator<String> subworkflowIds) {

    /** What {@code dataflow_bundle_digest} says in a preview, before {@code mvn deploy} wrote the manifest. */
    public static final String PENDING_DIGEST = "pending";

    public MaestroSource {
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(locations, "locations");
        Objects.requireNonNull(bundleLocation, "bundleLocation");
        bundleLocation = bundleLocation.endsWith("/") ? bundleLocation : bundleLocation + "/";
    }

    public boolean preview() {
        return bundleDigest == null;
    }
}
