package io.dataflow.core.workflow;

import io.dataflow.core.OutputFiles;
import io.dataflow.core.bundle.BundledFile;
import io.dataflow.core.registry.AssetBuild;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The outcome of rendering one workflow file: the final text (only when there are no problems), every
 * asset build and bundled file it references (what a release bundles), and every problem found.
 *
 * @param parsed the source as parsed (model, exact text)
 * @param renderedText the text with every reference replaced, or {@code null} when problems were found
 * @param unusedOverrides parameter overrides the workflow does not declare in {@code params}
 * @param warnings what does not stop this render but would stop a deploy (verify only: a {@code $S3{}} file git
 *     does not track)
 */
public record RenderResult(Path file, ParsedWorkflow parsed, String renderedText, List<ResolvedAsset> assets,
        List<BundledFile> files, List<Problem> problems, Set<String> unusedOverrides, List<Problem> warnings) {

    public boolean valid() {
        return problems.isEmpty();
    }

    /** The workflow's id, or {@code null} when the file did not say. */
    public String workflowId() {
        return parsed.workflow() == null ? null : parsed.workflow().id();
    }

    /**
     * The deployed builds this workflow references, for a release (deploy mode, where every reactor asset is
     * deployed before workflows are rendered).
     *
     * @throws IllegalStateException when a reference still points at a pending (not deployed) build
     */
    public List<AssetBuild> deployedBuilds() {
        return assets.stream().map(asset -> {
            if (asset instanceof ResolvedAsset.Deployed deployed) {
                return deployed.build();
            }
            throw new IllegalStateException(asset.id() + " is not deployed yet; render with an empty pending list "
                    + "after deploying the reactor's assets.");
        }).toList();
    }

    /** @throws WorkflowProblemsException listing every problem, when there is any */
    public RenderResult requireValid() {
        if (!valid()) {
            throw new WorkflowProblemsException(problems);
        }
        return this;
    }

    /**
     * Writes the rendered text to {@code outputDir/fileName} (atomically, so a reader never sees half a file).
     *
     * @return the written file
     * @throws WorkflowProblemsException when the workflow has problems (nothing is written)
     */
    public Path writeTo(Path outputDir, String fileName) {
        requireValid();
        return OutputFiles.writeAtomically(outputDir, fileName, renderedText, "the rendered workflow");
    }
}
