package io.dataflow.core.maestro;

import io.dataflow.core.maestro.MaestroWorkflow.ForeachJob;
import io.dataflow.core.maestro.MaestroWorkflow.Job;
import io.dataflow.core.maestro.MaestroWorkflow.Param;
import io.dataflow.core.maestro.MaestroWorkflow.SubworkflowJob;
import io.dataflow.core.maestro.MaestroWorkflow.TypedJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a {@link MaestroWorkflow} in Maestro's YAML DSL ({@code maestro-dsl}'s {@code DslWorkflowDef}): a top-level
 * {@code Workflow:} with its fields, parameters as extra keys ({@code name(mode)}, {@code !name<type>} for SEL
 * expressions), {@code jobs} of {@code job}/{@code foreach}/{@code subworkflow} entries and {@code dag} as a map of
 * transitions. Text that YAML would read as another type (dates, numbers, booleans) is quoted, so Maestro reads every
 * value with the type it has here.
 */
final class MaestroYaml {

    private MaestroYaml() {}

    /**
     * @param comment lines written as {@code #} comments above the document
     */
    static String write(MaestroWorkflow workflow, List<String> comment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", workflow.id());
        putIfPresent(body, "name", workflow.name());
        putIfPresent(body, "description", workflow.description());
        putIfPresent(body, "owner", workflow.owner());
        body.put("tags", workflow.tags());
        putParams(body, workflow.params());
        body.put("jobs", jobs(workflow.jobs()));
        if (!workflow.dag().isEmpty()) {
            body.put("dag", workflow.dag());
        }
        StringBuilder text = new StringBuilder();
        comment.forEach(line -> text.append("# ").append(line).append('\n'));
        text.append(yaml().dump(Map.of("Workflow", body)));
        return text.toString();
    }

    private static List<Object> jobs(List<Job> jobs) {
        List<Object> entries = new ArrayList<>();
        for (Job job : jobs) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("id", job.id());
            String kind;
            if (job instanceof TypedJob typed) {
                kind = "job";
                putIfPresent(fields, "name", typed.name());
                fields.put("type", typed.type().type());
                putIfPresent(fields, "type_version", typed.type().version());
                putIfPresent(fields, "failure_mode", typed.failureMode());
                putParams(fields, typed.params());
            } else if (job instanceof ForeachJob foreach) {
                kind = "foreach";
                Map<String, Object> loop = new LinkedHashMap<>();
                putParams(loop, foreach.loopParams());
                fields.put("params", loop);
                fields.put("jobs", jobs(foreach.jobs()));
                if (!foreach.dag().isEmpty()) {
                    fields.put("dag", foreach.dag());
                }
            } else {
                SubworkflowJob subworkflow = (SubworkflowJob) job;
                kind = "subworkflow";
                fields.put("workflow_id", subworkflow.workflowId());
                putParams(fields, subworkflow.params());
            }
            entries.add(Map.of(kind, fields));
        }
        return entries;
    }

    private static void putParams(Map<String, Object> target, List<Param> params) {
        for (Param param : params) {
            target.put(param.dslKey(), param.expression() != null ? param.expression() : param.value());
        }
    }

    private static void putIfPresent(Map<String, Object> target, String key, Object value) {
        if (value != null) {
            target.put(key, value);
        }
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        options.setProcessComments(false);
        // Maestro's YAML reader resolves no anchors: write shared values (a wap context) out at every use.
        options.setDereferenceAliases(true);
        return new Yaml(options);
    }
}
