package io.dataflow.core.release;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.GitState;
import java.util.regex.Pattern;

/**
 * Workflow ids as the registry knows them. Deploys from the mainline branch use the id of the YAML file
 * unchanged; deploys from any other branch use {@code <id>@<sanitized branch>}, a separate line of versions
 * with its own activations, so a branch can never change what mainline runs.
 */
public final class WorkflowIds {

    public static final char BRANCH_SEPARATOR = '@';
    public static final String PATTERN_TEXT = "[A-Za-z0-9_][A-Za-z0-9._-]*";

    private static final Pattern BASE = Pattern.compile(PATTERN_TEXT);
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9_-]+");
    private static final int MAX_LENGTH = 200;

    private WorkflowIds() {}

    /**
     * The registry id of workflow {@code id} deployed from {@code git}'s branch.
     *
     * @throws InvalidInputException when {@code id} is not a valid workflow id
     */
    public static String scoped(String id, GitState git) {
        validate(id, "the workflow file");
        return git.onMainBranch() ? id : id + BRANCH_SEPARATOR + git.sanitizedBranch();
    }

    /**
     * Splits a registry id into the YAML id and the sanitized branch ({@code null} for mainline).
     *
     * @throws InvalidInputException when it is neither {@code <id>} nor {@code <id>@<branch>}
     */
    public static Scoped parse(String scopedId) {
        int at = scopedId == null ? -1 : scopedId.indexOf(BRANCH_SEPARATOR);
        String base = at < 0 ? scopedId : scopedId.substring(0, at);
        String branch = at < 0 ? null : scopedId.substring(at + 1);
        if (!isValidBase(base) || (branch != null && !BRANCH.matcher(branch).matches())) {
            throw new InvalidInputException("Invalid workflow id '" + scopedId + "' in dataflow.workflow: expected "
                    + "<id> or <id>@<branch> as printed by dataflow:deploy, where <id> matches " + PATTERN_TEXT
                    + " and <branch> uses only letters, digits, '_' and '-'.");
        }
        return new Scoped(base, branch);
    }

    /**
     * @param origin the file or parameter the id comes from, named in the error message
     * @return the id, unchanged
     */
    public static String validate(String id, String origin) {
        if (!isValidBase(id)) {
            throw new InvalidInputException("Invalid workflow id '" + id + "' in " + origin + ": a workflow id must "
                    + "match " + PATTERN_TEXT + " and be at most " + MAX_LENGTH + " characters ('" + BRANCH_SEPARATOR
                    + "' is reserved for branch-scoped ids); rename it in the Workflow: id field.");
        }
        return id;
    }

    private static boolean isValidBase(String id) {
        return id != null && id.length() <= MAX_LENGTH && BASE.matcher(id).matches();
    }

    /**
     * A parsed registry id.
     *
     * @param id the id of the workflow file
     * @param branch the sanitized branch, {@code null} for mainline
     */
    public record Scoped(String id, String branch) {

        public boolean mainline() {
            return branch == null;
        }

        public String format() {
            return branch == null ? id : id + BRANCH_SEPARATOR + branch;
        }
    }
}
