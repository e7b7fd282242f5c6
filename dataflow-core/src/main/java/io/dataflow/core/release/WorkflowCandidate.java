package io.dataflow.core.release;

import io.dataflow.core.bundle.BundledFile;
import io.dataflow.core.registry.AssetBuild;
import java.util.List;
import java.util.Objects;

/**
 * One rendered workflow, ready to be released.
 *
 * @param workflowId the id from the YAML file (not branch-scoped: the release scopes it)
 * @param renderedYaml the rendered YAML, every reference replaced by a concrete location
 * @param sourcePath the {@code *.sch.yaml} file relative to the repository root, e.g. {@code scala-workflow/main.sch.yaml}
 * @param assets every asset build the rendered YAML references
 * @param files every {@code $S3{}} file the rendered YAML references
 * @param pictureSvg the DAG picture the bundle stores as {@code workflow.svg}, or {@code null} for none
 */
public record WorkflowCandidate(String workflowId, String renderedYaml, String sourcePath, List<AssetBuild> assets,
        List<BundledFile> files, String pictureSvg) {

    public WorkflowCandidate {
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(renderedYaml, "renderedYaml");
        Objects.requireNonNull(sourcePath, "sourcePath");
        assets = assets == null ? List.of() : List.copyOf(assets);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A candidate without a DAG picture. */
    public WorkflowCandidate(String workflowId, String renderedYaml, String sourcePath, List<AssetBuild> assets,
            List<BundledFile> files) {
        this(workflowId, renderedYaml, sourcePath, assets, files, null);
    }
}
