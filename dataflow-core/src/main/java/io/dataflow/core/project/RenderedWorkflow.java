package io.dataflow.core.project;

import io.dataflow.core.bundle.BundledFile;
import io.dataflow.core.workflow.RenderResult;
import io.dataflow.core.workflow.ResolvedAsset;
import java.nio.file.Path;
import java.util.List;

/**
 * One workflow rendered without problems and written to its module's {@code target/dataflow/}.
 *
 * @param displayPath the source file relative to the git work tree, e.g. {@code ./scala-workflow/main.sch.yaml}
 * @param renderedFile the written {@code <module>/target/dataflow/<name>.sch.rendered.yaml}
 * @param result the renderer's result
 * @param picture the DAG picture written beside it, or {@code null} when none was drawn
 *     ({@link io.dataflow.core.picture.DagPictures#NONE})
 */
public record RenderedWorkflow(String displayPath, Path renderedFile, RenderResult result, Picture picture) {

    /**
     * @param file the written {@code <module>/target/dataflow/<name>.svg}
     * @param svg its content, stored as {@code workflow.svg} in the bundle of a release
     */
    public record Picture(Path file, String svg) {}

    /** The {@code *.sch.yaml} file. */
    public Path source() {
        return result.file();
    }

    /** The id written in the file (not branch-scoped). */
    public String workflowId() {
        return result.workflowId();
    }

    public String renderedText() {
        return result.renderedText();
    }

    /** The asset builds it references: pending ones in verify, deployed ones in deploy. */
    public List<ResolvedAsset> assets() {
        return result.assets();
    }

    /** The {@code $S3{}} files it references. */
    public List<BundledFile> files() {
        return result.files();
    }
}
