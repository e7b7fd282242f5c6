package io.dataflow.core.project;

import io.dataflow.core.identity.GitState;
import io.dataflow.core.release.ReleasedWorkflow;
import java.util.List;

/**
 * What {@code dataflow:deploy} did.
 *
 * @param git the git state every identity was derived from
 * @param assets every asset of the reactor: Python packages, SQL files, JARs
 * @param bytesSent asset bytes sent to the store
 * @param workflows every workflow, rendered against the registry holding the new builds
 * @param released every workflow's version (branch-scoped id off mainline), in the order of {@code workflows}
 */
public record DeployReport(GitState git, List<DeployedAsset> assets, long bytesSent, List<RenderedWorkflow> workflows,
        List<ReleasedWorkflow> released) {}
