package io.dataflow.core.run;

import java.util.List;
import java.util.Map;

/**
 * The whole {@code plan.json} the engine writes for {@code io.dataflow.runner.SparkRunnerMain} (format version 1,
 * see {@code docs/running.md}). Paths in tasks are relative to {@code baseDir}, itself relative to the plan file.
 */
public record RunPlan(int formatVersion, String runId, String workflowId, int workflowVersion, String bundleDigest,
        String master, String warehouse, String catalog, Map<String, String> sparkConf, List<String> namespaces,
        String baseDir, String python, List<PlanTask> tasks) {

    public static final int FORMAT_VERSION = 1;
    public static final String CATALOG = "local";

    public RunPlan {
        sparkConf = sparkConf == null ? Map.of() : Map.copyOf(sparkConf);
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /** Every task of the plan, WAP writes included, in plan order. */
    public List<PlanTask> allTasks() {
        return tasks.stream().<PlanTask>mapMulti((task, into) -> {
            into.accept(task);
            if (task instanceof PlanTask.Wap wap) {
                wap.writes().forEach(into);
            }
        }).toList();
    }

    /** The top-level task with this id. */
    public PlanTask task(String id) {
        return tasks.stream().filter(task -> task.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no task '" + id + "' in plan " + runId));
    }
}
