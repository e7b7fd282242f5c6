package io.dataflow.runner;

import io.dataflow.contract.run.AuditFunction;
import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.run.RunPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Short ways to write plans and tasks in tests. */
final class TestPlans {

    static final String DIGEST = "sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private TestPlans() {}

    static RunPlan plan(String runId, Path warehouse, List<String> namespaces, PlanTask... tasks) {
        return new RunPlan(null, runId, "sales-daily", 3, DIGEST, null, warehouse.toString(), null, Map.of(),
                namespaces, null, null, List.of(tasks));
    }

    static RunPlan withPython(RunPlan plan, String python) {
        return new RunPlan(plan.formatVersion(), plan.runId(), plan.workflowId(), plan.workflowVersion(),
                plan.bundleDigest(), plan.master(), plan.warehouse(), plan.catalog(), plan.sparkConf(),
                plan.namespaces(), plan.baseDir(), python, plan.tasks());
    }

    static PlanTask.Sql sql(String id, Path file, Map<String, String> params, String... dependsOn) {
        return new PlanTask.Sql(id, List.of(dependsOn), file.toString(), params, Map.of());
    }

    static PlanTask.Noop noop(String id, String... dependsOn) {
        return new PlanTask.Noop(id, List.of(dependsOn));
    }

    static PlanTask.Jar jar(String id, Path jar, String mainClass, List<String> args, String... dependsOn) {
        return new PlanTask.Jar(id, List.of(dependsOn), jar.toString(), mainClass, args, Map.of());
    }

    static PlanTask.Audit audit(AuditFunction function, boolean blocking, Map<String, Object> params) {
        return new PlanTask.Audit(function.functionName(), blocking, params);
    }
}
