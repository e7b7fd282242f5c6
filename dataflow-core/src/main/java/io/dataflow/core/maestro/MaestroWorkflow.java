package io.dataflow.core.maestro;

import java.util.List;
import java.util.Map;

/**
 * A workflow as Maestro defines it, holding only what the converter emits. {@link MaestroYaml} writes it as Maestro's
 * YAML DSL and {@link MaestroJson} as Maestro's JSON create request, so both say the same thing.
 *
 * <p>Parameter values are {@code String}, {@code Long}, {@code Boolean}, a {@code List<String>} or a
 * {@code Map<String, Object>} of such values: exactly the shapes Maestro turns into typed parameters.
 *
 * @param params workflow parameters, the user's first, then the Dataflow provenance
 * @param dag successors of each job that has any, in job order
 * @param cron the schedule, or {@code null}
 * @param timezone the time zone of {@code cron}
 */
public record MaestroWorkflow(String id, String name, String description, String owner, List<String> tags,
        List<Param> params, List<Job> jobs, Map<String, List<String>> dag, String cron, String timezone) {

    /** One entry of a {@code jobs} list. */
    public sealed interface Job {
        String id();
    }

    /**
     * {@code job}: a step of a Maestro step type or job template.
     *
     * @param name display name, or {@code null}
     * @param failureMode Maestro's {@code failure_mode}, or {@code null} for its default
     */
    public record TypedJob(String id, String name, MaestroMapping.JobType type, String failureMode, List<Param> params)
            implements Job {}

    /** {@code foreach}: runs {@code jobs} once per value of its loop parameters. */
    public record ForeachJob(String id, List<Param> loopParams, List<Job> jobs, Map<String, List<String>> dag)
            implements Job {}

    /** {@code subworkflow}: runs another Maestro workflow with {@code params}. */
    public record SubworkflowJob(String id, String workflowId, List<Param> params) implements Job {}

    /**
     * A parameter: a literal {@code value}, or a SEL {@code expression} with a type hint.
     *
     * @param typeHint Maestro's type syntax for an expression, e.g. {@code array<string>}; {@code null} for literals
     * @param mode Maestro's parameter mode, e.g. {@code constant}, or {@code null}
     */
    public record Param(String name, Object value, String expression, String typeHint, String mode) {

        static Param literal(String name, Object value) {
            return new Param(name, value, null, null, null);
        }

        static Param constant(String name, Object value) {
            return new Param(name, value, null, null, "constant");
        }

        static Param expression(String name, String expression, String typeHint) {
            return new Param(name, null, expression, typeHint, null);
        }

        /** The key in Maestro's YAML: {@code name}, {@code name(mode)}, {@code !name<type>}. */
        String dslKey() {
            return (expression != null ? "!" : "") + name + (typeHint != null ? "<" + typeHint + ">" : "")
                    + (mode != null ? "(" + mode + ")" : "");
        }
    }
}
