package io.dataflow.core.maestro;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.release.WorkflowIds;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maestro's character rules for ids and names (its {@code MaestroIdConstraint}, {@code MaestroReferenceIdConstraint}
 * and reserved names), checked before anything is sent, so that a refusal names the Dataflow file and the fix.
 */
public final class MaestroIds {

    /** Maestro's limit for ids and reference ids. */
    static final int ID_LENGTH_LIMIT = 128;
    /** Maestro's limit for names. */
    static final int NAME_LENGTH_LIMIT = 256;
    static final String WORKFLOW_ID_PATTERN_TEXT = "[_a-zA-Z0-9][.\\-_a-zA-Z0-9]*";
    /** Step ids and parameter names: a letter or '_' first. */
    static final String REFERENCE_ID_PATTERN_TEXT = "[_a-zA-Z][.\\-_a-zA-Z0-9]*";
    /** How a branch-scoped registry id ({@code <id>@<branch>}) is spelled in Maestro, where '@' is not allowed. */
    public static final String BRANCH_INFIX = ".branch.";

    private static final Pattern WORKFLOW_ID = Pattern.compile(WORKFLOW_ID_PATTERN_TEXT);
    private static final Pattern REFERENCE_ID = Pattern.compile(REFERENCE_ID_PATTERN_TEXT);
    private static final String RESERVED_PREFIX = "maestro_";
    private static final String RESERVED_SUFFIX = "_maestro";
    /** Maestro joins step id and parameter name with it ({@code step__param}), so neither may contain it. */
    private static final String STEP_PARAM_SEPARATOR = "__";
    /** Names Maestro keeps for itself (its {@code Constants.RESERVED_PARAM_NAMES}). */
    private static final Set<String> RESERVED_PARAM_NAMES = Set.of("maestro", "Maestro", "MAESTRO", "scheduler",
            "Scheduler", "SCHEDULER", "util", "Util", "UTIL", "params", "Params", "PARAMS", "AUTH_BLOB", "AUTH_DATA",
            "AUTH_ACTING_ON_BEHALF_OF_BLOB", "AUTH_TRIGGERING_ON_BEHALF_OF_BLOB", "AUTHORIZED_MANAGERS");

    private MaestroIds() {}

    /**
     * The Maestro workflow id of a registry workflow id: the same id on mainline, {@code <id>.branch.<branch>} for a
     * branch deploy ({@code <id>@<branch>} in the registry), so a branch never touches mainline's Maestro workflow.
     *
     * @throws InvalidInputException when Maestro would refuse the id
     */
    public static String workflowId(String registryId) {
        WorkflowIds.Scoped scoped = WorkflowIds.parse(registryId);
        String id = scoped.mainline() ? scoped.id() : scoped.id() + BRANCH_INFIX + scoped.branch();
        String problem = null;
        if (id.length() > ID_LENGTH_LIMIT) {
            problem = "it is " + id.length() + " characters long and Maestro allows " + ID_LENGTH_LIMIT;
        } else if (!WORKFLOW_ID.matcher(id).matches()) {
            problem = "Maestro workflow ids must match " + WORKFLOW_ID_PATTERN_TEXT;
        } else if (id.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX)) {
            problem = "Maestro reserves ids starting with '" + RESERVED_PREFIX + "'";
        } else if (id.toLowerCase(Locale.ROOT).endsWith(RESERVED_SUFFIX)) {
            problem = "Maestro reserves ids ending with '" + RESERVED_SUFFIX + "'";
        }
        if (problem != null) {
            throw new InvalidInputException("Workflow " + registryId + " cannot be a Maestro workflow as '" + id + "': "
                    + problem + ". Rename it in the Workflow: id field of its *.sch.yaml file"
                    + (scoped.mainline() ? "." : " (or use a shorter branch name)."));
        }
        return id;
    }

    /**
     * Why Maestro would refuse {@code value} as a step id or parameter name, or empty when it is fine.
     *
     * @param parameter whether it names a parameter (which has a few more reserved names)
     */
    static Optional<String> referenceIdProblem(String value, boolean parameter) {
        if (value == null || value.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (value.length() > ID_LENGTH_LIMIT) {
            return Optional.of("it is " + value.length() + " characters long and Maestro allows " + ID_LENGTH_LIMIT);
        }
        if (!REFERENCE_ID.matcher(value).matches()) {
            return Optional.of("Maestro step ids and parameter names must match " + REFERENCE_ID_PATTERN_TEXT
                    + " (a letter or '_' first, then letters, digits, '.', '-', '_')");
        }
        if (value.contains(STEP_PARAM_SEPARATOR)) {
            return Optional.of("Maestro uses '" + STEP_PARAM_SEPARATOR + "' to join step ids and parameter names");
        }
        if (value.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX)) {
            return Optional.of("Maestro reserves names starting with '" + RESERVED_PREFIX + "'");
        }
        if (parameter && RESERVED_PARAM_NAMES.contains(value)) {
            return Optional.of("Maestro reserves the name '" + value + "'");
        }
        return Optional.empty();
    }

    /** Whether Maestro's name rule ({@code MaestroNameSizeConstraint}) accepts a display name. */
    static Optional<String> nameProblem(String name) {
        return name != null && name.length() > NAME_LENGTH_LIMIT
                ? Optional.of("it is " + name.length() + " characters long and Maestro allows " + NAME_LENGTH_LIMIT)
                : Optional.empty();
    }

    /** Keys of Maestro's YAML workflow that are fields, not parameters ({@code DslWorkflow}). */
    static final List<String> WORKFLOW_FIELDS = List.of("id", "name", "description", "owner", "run_strategy",
            "workflow_concurrency", "tags", "timeout", "jobs", "criticality", "workflow_params", "dag");

    /** Keys of a Maestro job that are fields, not parameters ({@code BaseJob}, {@code Subworkflow}). */
    static final List<String> SUBWORKFLOW_FIELDS = List.of("id", "name", "description", "failure_mode", "tags",
            "timeout", "transition", "job_params", "workflow_id", "subworkflow_id", "version", "subworkflow_version",
            "sync", "explicit_params");
}
