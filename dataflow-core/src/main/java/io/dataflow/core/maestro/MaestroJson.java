package io.dataflow.core.maestro;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.maestro.MaestroWorkflow.ForeachJob;
import io.dataflow.core.maestro.MaestroWorkflow.Job;
import io.dataflow.core.maestro.MaestroWorkflow.Param;
import io.dataflow.core.maestro.MaestroWorkflow.SubworkflowJob;
import io.dataflow.core.maestro.MaestroWorkflow.TypedJob;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link MaestroWorkflow} as Maestro's JSON create request ({@code WorkflowCreateRequest}, for
 * {@code POST /api/v3/workflows}), the form that carries {@code time_triggers}, which the YAML DSL has no field for.
 * Parameters get the types Maestro's YAML parser would derive from the same values, so the YAML export and this
 * request define the same workflow. The request creates the version inactive ({@code is_active: false}); the push
 * activates it explicitly, like every other version.
 */
final class MaestroJson {

    private MaestroJson() {}

    static String createRequest(MaestroWorkflow workflow, MaestroMapping mapping) {
        ObjectNode request = Json.mapper().createObjectNode();
        ObjectNode properties = request.putObject("properties");
        if (workflow.owner() != null) {
            properties.put("owner", workflow.owner());
        }
        ObjectNode body = request.putObject("workflow");
        body.put("id", workflow.id());
        if (workflow.name() != null) {
            body.put("name", workflow.name());
        }
        body.put("description", workflow.description());
        ArrayNode tags = body.putArray("tags");
        workflow.tags().forEach(tag -> tags.addObject().put("name", tag));
        if (workflow.cron() != null) {
            ObjectNode trigger = body.putArray("time_triggers").addObject();
            trigger.put("type", "CRON");
            trigger.put("cron", workflow.cron());
            trigger.put("timezone", workflow.timezone());
        }
        params(body.putObject("params"), workflow.params());
        steps(body.putArray("steps"), workflow.jobs(), workflow.dag(), mapping, workflow.id());
        request.put("is_active", false);
        return Json.pretty(request);
    }

    private static void steps(ArrayNode steps, List<Job> jobs, Map<String, List<String>> dag, MaestroMapping mapping,
            String workflowId) {
        for (Job job : jobs) {
            ObjectNode step;
            if (job instanceof TypedJob typed) {
                step = steps.addObject().putObject("step");
                step.put("id", typed.id());
                if (typed.name() != null) {
                    step.put("name", typed.name());
                }
                String stepType = mapping.stepTypeOf(typed.type(), optionOf(typed, mapping), workflowId);
                step.put("type", stepType);
                if (!stepType.equalsIgnoreCase(typed.type().type())) {
                    step.put("sub_type", typed.type().type());
                    if (typed.type().version() != null) {
                        step.put("sub_type_version", typed.type().version());
                    }
                }
                if (typed.failureMode() != null) {
                    step.put("failure_mode", typed.failureMode());
                }
                params(step.putObject("params"), typed.params());
            } else if (job instanceof ForeachJob foreach) {
                step = steps.addObject().putObject("foreach");
                step.put("id", foreach.id());
                ObjectNode loop = step.putObject("params").putObject("loop_params");
                params(loop.putObject("value"), foreach.loopParams());
                loop.put("type", "MAP");
                steps(step.putArray("steps"), foreach.jobs(), foreach.dag(), mapping, workflowId);
            } else {
                SubworkflowJob subworkflow = (SubworkflowJob) job;
                step = steps.addObject().putObject("subworkflow");
                step.put("id", subworkflow.id());
                ObjectNode params = step.putObject("params");
                ObjectNode id = params.putObject("subworkflow_id");
                id.put("value", subworkflow.workflowId());
                id.put("type", "STRING");
                params(params, subworkflow.params());
            }
            List<String> next = dag.get(job.id());
            if (next != null) {
                ObjectNode successors = step.putObject("transition").putObject("successors");
                next.forEach(to -> successors.put(to, "true"));
            }
        }
    }

    /** The configuration element that names a job's type, for the message when its step type is unknown. */
    private static String optionOf(TypedJob job, MaestroMapping mapping) {
        MaestroMapping.JobType type = job.type();
        if (type.equals(mapping.spark())) {
            return "<maestro><sparkType>";
        } else if (type.equals(mapping.metadata())) {
            return "<maestro><metadataType>";
        } else if (type.equals(mapping.hwm())) {
            return "<maestro><hwmType>";
        } else if (type.equals(mapping.audit())) {
            return "<maestro><auditType>";
        }
        return "<maestro><publishType>";
    }

    private static void params(ObjectNode target, List<Param> params) {
        for (Param param : params) {
            ObjectNode definition = target.putObject(param.name());
            if (param.expression() != null) {
                definition.put("expression", param.expression());
                definition.put("type", typeOfHint(param.typeHint()));
            } else {
                value(definition, param.value());
            }
            if (param.mode() != null) {
                definition.put("mode", param.mode().toUpperCase(Locale.ROOT));
            }
        }
    }

    /** A literal definition: {@code value} and the type Maestro's DSL parser derives from it. */
    @SuppressWarnings("unchecked")
    private static void value(ObjectNode definition, Object value) {
        if (value instanceof String text) {
            definition.put("value", text);
            definition.put("type", "STRING");
        } else if (value instanceof Long number) {
            definition.put("value", number);
            definition.put("type", "LONG");
        } else if (value instanceof Boolean flag) {
            definition.put("value", flag);
            definition.put("type", "BOOLEAN");
        } else if (value instanceof List<?> list) {
            ArrayNode items = definition.putArray("value");
            list.forEach(item -> items.add((String) item));
            definition.put("type", "STRING_ARRAY");
        } else {
            Map<String, Object> map = (Map<String, Object>) value;
            boolean texts = !map.isEmpty() && map.values().stream().allMatch(String.class::isInstance);
            ObjectNode entries = definition.putObject("value");
            if (texts) {
                map.forEach((key, text) -> entries.put(key, (String) text));
                definition.put("type", "STRING_MAP");
            } else {
                map.forEach((key, inner) -> value(entries.putObject(key), inner));
                definition.put("type", "MAP");
            }
        }
    }

    private static String typeOfHint(String hint) {
        return switch (hint) {
            case "array<string>" -> "STRING_ARRAY";
            default -> throw new IllegalArgumentException("no JSON type for hint " + hint);
        };
    }
}
