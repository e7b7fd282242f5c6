package io.dataflow.core.workflow;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.AssetId;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.Namespaces;
import java.util.regex.Pattern;

/**
 * A parsed {@code ${dataflow...}} reference (the text between the braces). Namespaces and sanitised
 * branches contain no dots, so the number of segments tells the form apart.
 *
 * @param branch sanitised branch, or {@code null} for the "current branch, else mainline" form
 * @param build build number, or {@code null} for "newest"
 * @param exact the full identity for the UUID form, else {@code null}
 */
public record AssetReference(String text, Form form, AssetType type, String namespace, String branch,
        Integer build, AssetId exact) {

    /** The four reference forms of the SPEC table. */
    public enum Form {
        /** {@code dataflow.<type>.<ns>}: newest on the current branch, else on mainline. */
        LATEST,
        /** {@code dataflow.<type>.<ns>.<branch>}: newest on that branch. */
        NEWEST_ON_BRANCH,
        /** {@code dataflow.<type>.<ns>.<branch>.<build>}: that build number on that branch. */
        BUILD_ON_BRANCH,
        /** {@code dataflow.<type>.<ns>.<owner>.<repo>.<branch>.<commit>.<build>}: exactly that build. */
        EXACT
    }

    static final String FORMS_TEXT = "${dataflow.<type>.<namespace>}, ${dataflow.<type>.<namespace>.<branch>}, "
            + "${dataflow.<type>.<namespace>.<branch>.<build>} or the full "
            + "${dataflow.<type>.<namespace>.<owner>.<repo>.<branch>.<commit>.<build>}";
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9_-]+");

    /** Whether the text between {@code ${} and {@code }} is meant as a Dataflow reference. */
    public static boolean isDataflowReference(String inner) {
        return inner.equals(AssetId.PREFIX) || inner.startsWith(AssetId.PREFIX + ".");
    }

    /**
     * @param inner the text between the braces, e.g. {@code dataflow.jar.scala-workflow.master.3}
     * @throws InvalidInputException naming the reference and the accepted forms
     */
    public static AssetReference parse(String inner) {
        String text = "${" + inner + "}";
        String[] parts = inner.split("\\.", -1);
        if (parts.length != 3 && parts.length != 4 && parts.length != 5 && parts.length != 8) {
            throw malformed(text, "it has " + parts.length + " dot-separated segments");
        }
        AssetType type;
        try {
            type = AssetType.fromId(parts[1]);
        } catch (InvalidInputException e) {
            throw malformed(text, e.getMessage());
        }
        if (!Namespaces.isValid(parts[2])) {
            throw malformed(text, "the namespace '" + parts[2] + "' must match " + Namespaces.PATTERN_TEXT);
        }
        if (parts.length == 8) {
            try {
                return new AssetReference(text, Form.EXACT, type, parts[2], parts[5], null, AssetId.parse(inner));
            } catch (InvalidInputException e) {
                throw malformed(text, e.getMessage());
            }
        }
        if (parts.length == 3) {
            return new AssetReference(text, Form.LATEST, type, parts[2], null, null, null);
        }
        String branch = parts[3];
        if (!BRANCH.matcher(branch).matches()) {
            throw malformed(text, "the branch '" + branch + "' must be written sanitised (letters, digits, '_', '-';"
                    + " e.g. feature/x becomes feature-x)");
        }
        if (parts.length == 4) {
            return new AssetReference(text, Form.NEWEST_ON_BRANCH, type, parts[2], branch, null, null);
        }
        int build;
        try {
            build = Integer.parseInt(parts[4]);
        } catch (NumberFormatException e) {
            throw malformed(text, "the build number '" + parts[4] + "' is not a number");
        }
        if (build < 1) {
            throw malformed(text, "build numbers start at 1, not " + build);
        }
        return new AssetReference(text, Form.BUILD_ON_BRANCH, type, parts[2], branch, build, null);
    }

    private static InvalidInputException malformed(String text, String why) {
        return new InvalidInputException("malformed reference " + text + ": " + why + ". Write one of " + FORMS_TEXT
                + ", e.g. ${dataflow.jar.scala-workflow}.");
    }
}
