package io.dataflow.core.maestro;

import io.dataflow.core.InvalidInputException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How Dataflow jobs become Maestro steps: the Maestro job type (a step type of the Maestro installation or one of its
 * job templates) each kind of job runs as, and the workflow-level settings Maestro needs.
 *
 * @param spark {@code type: Spark} jobs, WAP write jobs included
 * @param metadata {@code type: Metadata} jobs
 * @param hwm {@code type: HWM} jobs
 * @param audit the audit steps a {@code wap} template becomes
 * @param publish the publish step a {@code wap} template ends with
 * @param templateStepType the Maestro step type the job templates above run as (e.g. {@code Kubernetes}); only the JSON
 *     create request of a workflow with a {@code trigger} names it, and only for types that are not Maestro step types
 *     themselves; {@code null} when not configured
 * @param owner the Maestro owner of every workflow; {@code null} means the user who deployed the version
 * @param timezone the time zone of {@code trigger.cron}
 */
public record MaestroMapping(JobType spark, JobType metadata, JobType hwm, JobType audit, JobType publish,
        String templateStepType, String owner, String timezone) {

    /** Maestro's own leaf step types (its {@code StepType}), usable directly as {@code type:}. */
    static final List<String> STEP_TYPES = List.of("NoOp", "Sleep", "Titus", "Notebook", "Kubernetes", "Http");

    public static final String DEFAULT_TIMEZONE = "UTC";

    public MaestroMapping {
        spark = spark == null ? new JobType("Spark", null) : spark;
        metadata = metadata == null ? new JobType("Metadata", null) : metadata;
        hwm = hwm == null ? new JobType("HWM", null) : hwm;
        audit = audit == null ? new JobType("Audit", null) : audit;
        publish = publish == null ? new JobType("WapPublish", null) : publish;
        templateStepType = blank(templateStepType) ? null : requireStepType(templateStepType.strip());
        owner = blank(owner) ? null : owner.strip();
        timezone = blank(timezone) ? DEFAULT_TIMEZONE : requireTimezone(timezone.strip());
    }

    /** Every default: job types named after the Dataflow job types, UTC, the deployer as owner. */
    public static MaestroMapping defaults() {
        return new MaestroMapping(null, null, null, null, null, null, null, null);
    }

    /**
     * The Maestro step type a job type runs as in a JSON create request: itself when it is one of Maestro's step types,
     * else {@link #templateStepType}.
     *
     * @param option the configuration element that names {@code type}, for the message
     * @throws InvalidInputException when it is a job template and no template step type is configured
     */
    String stepTypeOf(JobType type, String option, String workflowId) {
        Optional<String> own = builtIn(type.type());
        if (own.isPresent()) {
            return own.get();
        }
        if (templateStepType == null) {
            throw new InvalidInputException("Workflow " + workflowId + " has a trigger, so it is pushed as Maestro's JSON"
                    + " create request (Maestro's YAML has no trigger field), and that request names the Maestro step"
                    + " type every job template runs as. Job type '" + type.type() + "' (" + option + ") is not one of"
                    + " Maestro's step types " + STEP_TYPES + "; set <maestro><templateStepType> to the step type your"
                    + " Maestro job templates run as, e.g. <templateStepType>Kubernetes</templateStepType>.");
        }
        return templateStepType;
    }

    static Optional<String> builtIn(String type) {
        return STEP_TYPES.stream().filter(known -> known.equalsIgnoreCase(type)).findFirst();
    }

    private static String requireStepType(String value) {
        return builtIn(value).orElseThrow(() -> new InvalidInputException("<maestro><templateStepType>" + value
                + "</templateStepType> is not a Maestro step type; use one of " + STEP_TYPES + "."));
    }

    private static String requireTimezone(String value) {
        try {
            java.time.ZoneId.of(value);
            return value;
        } catch (java.time.DateTimeException e) {
            throw new InvalidInputException("<maestro><timezone>" + value + "</timezone> is not a time zone id; use"
                    + " one such as UTC or America/Los_Angeles.");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * A Maestro job type: {@code type} and, for a versioned job template, {@code type_version}.
     *
     * @param type e.g. {@code Spark} (a job template) or {@code Kubernetes} (a Maestro step type)
     * @param version the job template version, or {@code null}
     */
    public record JobType(String type, String version) {

        private static final Pattern NAME = Pattern.compile("[_a-zA-Z][.\\-_a-zA-Z0-9]*");

        /**
         * Parses {@code name} or {@code name:version}.
         *
         * @param option the configuration element, named in the error, e.g. {@code <maestro><sparkType>}
         * @return {@code null} for a blank value (the default applies)
         */
        public static JobType parse(String spec, String option) {
            if (spec == null || spec.isBlank()) {
                return null;
            }
            String[] parts = spec.strip().split(":", -1);
            boolean valid = parts.length <= 2 && NAME.matcher(parts[0]).matches()
                    && (parts.length == 1 || NAME.matcher(parts[1]).matches() || parts[1].matches("[0-9][.\\-_a-zA-Z0-9]*"));
            if (!valid) {
                throw new InvalidInputException(option + " '" + spec + "' is not a Maestro job type; write the type"
                        + " (a Maestro step type or job template id, e.g. Spark) or type:version, e.g. Spark:v2.");
            }
            return new JobType(parts[0], parts.length == 2 ? parts[1] : null);
        }

        @Override
        public String toString() {
            return version == null ? type : type + ":" + version;
        }
    }
}
