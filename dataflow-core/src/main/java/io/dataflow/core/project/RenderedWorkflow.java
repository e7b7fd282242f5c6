package io.dataflow.core.project;

import io.dataflow.core.bundle.BundledFile;
import io.dataflow.core.workflow.ResolvedAsset;
import java.nio.file.Path;
import java.util.List;

/**
 * One workflow rendered without problems.
 *
 * @param source the {@code *.sch.yaml} file
 * @param displayPath the file relative to the git work tree, e.g. {@code ./scala-workflow/main.sch.yaml}
 * @param workflowId the id written in the file (not branch-scoped)
 * @param renderedFile the written {@code <module>/target/dataflow/<name>.sch.rendered.yaml}
 * @param renderedText its content
 * @param assets the asset builds it references: pending ones in verify, deployed ones in deploy
 * @param files the {@code $S3{}} files it references
 */
public record RenderedWorkflow(Path source, String displayPath, String workflowId, Path renderedFile,
        String renderedText, List<ResolvedAsset> assets, List<BundledFile> files) {}
