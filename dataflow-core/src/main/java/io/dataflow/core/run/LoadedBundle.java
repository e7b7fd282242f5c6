package io.dataflow.core.run;

import io.dataflow.core.bundle.Manifest;
import io.dataflow.core.workflow.Workflow;
import java.nio.file.Path;

/**
 * One workflow version downloaded for a run: its manifest, the digest of that manifest, the local copy and the
 * parsed rendered workflow.
 *
 * @param digest {@code sha256:<hex>} of the stored {@code manifest.json}
 * @param directory the local copy, {@code <run dir>/bundles/<workflow id>/<version>}
 * @param planPath the same directory relative to the plan's {@code baseDir}, '/'-separated
 */
record LoadedBundle(Manifest manifest, String digest, Path directory, String planPath, Workflow workflow) {

    String describe() {
        return "workflow " + manifest.workflowId() + " version " + manifest.version();
    }
}
