package io.dataflow.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Short ways to write plans and tasks in tests. */
final class TestPlans {

    static final String DIGEST = "sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private TestPlans() {}

    static RunPlan plan(String runId, Path warehouse, List<String> namespaces, TaskSpec... tasks) {
        return new RunPlan(null, runId, "sales-daily", 3, DIGEST, null, warehouse.toString(), null, Map.of(),
                namespaces, null, null, List.of(tasks));
    }

    static RunPlan withPython(RunPlan plan, String python) {
        return new RunPlan(plan.formatVersion(), plan.runId(), plan.workflowId(), plan.workflowVersion(),
                plan.bundleDigest(), plan.master(), plan.warehouse(), plan.catalog(), plan.sparkConf(),
                plan.namespaces(), plan.baseDir(), python, plan.tasks());
    }

    static TaskSpec.Sql sql(String id, Path file, Map<String, String> params, String... dependsOn) {
        return new TaskSpec.Sql(id, List.of(dependsOn), file.toString(), params, Map.of());
    }

    static TaskSpec.Noop noop(String id, String... dependsOn) {
        return new TaskSpec.Noop(id, List.of(dependsOn));
    }

    static TaskSpec.Jar jar(String id, Path jar, String mainClass, List<String> args, String... dependsOn) {
        return new TaskSpec.Jar(id, List.of(dependsOn), jar.toString(), mainClass, args, Map.of());
    }

    static TaskSpec.AuditSpec audit(String function, boolean blocking, Map<String, Object> params) {
        return new TaskSpec.AuditSpec(function, blocking, params);
    }
}
