package io.dataflow.core.run;

import io.dataflow.contract.run.RunPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A run ready to start: bundles downloaded and checked, {@code plan.json} written. Nothing was written to the
 * registry yet.
 *
 * @param directory the run directory: {@code bundles/}, {@code plan.json}, later {@code result.json} and {@code runner.log}
 * @param parameters the root workflow's parameters as the run resolved them
 * @param bundles every workflow version the plan uses: the root first, then subworkflows in the order first used
 */
public record PreparedRun(RunRequest request, String runId, Path directory, Path planFile, RunPlan plan,
        Map<String, String> parameters, List<RunRecord.BundleUse> bundles) {

    public Path resultFile() {
        return directory.resolve("result.json");
    }

    public Path logFile() {
        return directory.resolve("runner.log");
    }
}
