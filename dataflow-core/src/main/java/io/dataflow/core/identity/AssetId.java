package io.dataflow.core.identity;

import io.dataflow.core.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The immutable identity of one asset build:
 * {@code dataflow.<type>.<namespace>.<owner>.<repo>.<branch>.<commit>.<build>}.
 */
public record AssetId(
        AssetType type, String namespace, String owner, String repo, String branch, String commit, int build) {

    public static final String PREFIX = "dataflow";
    public static final String FORMAT_TEXT =
            "dataflow.<type>.<namespace>.<owner>.<repo>.<branch>.<commit>.<build>";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{8}");

    public AssetId {
        if (!Namespaces.isValid(namespace)) {
            throw new InvalidInputException(
                    "Invalid namespace '" + namespace + "': it must match " + Namespaces.PATTERN_TEXT + ".");
        }
        requireSegment("owner", owner);
        requireSegment("repo", repo);
        requireSegment("branch", branch);
        if (commit == null || !COMMIT.matcher(commit).matches()) {
            throw new InvalidInputException("Invalid commit '" + commit + "': expected 8 lower-case hex digits.");
        }
        if (build < 1) {
            throw new InvalidInputException("Invalid build number " + build + ": builds start at 1.");
        }
    }

    private static void requireSegment(String name, String value) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new InvalidInputException("Invalid " + name + " '" + value + "' in an asset id: only "
                    + "letters, digits, '_' and '-' are allowed.");
        }
    }

    /** Parses a full UUID; the message of the exception shows the expected format. */
    public static AssetId parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("\\.", -1);
        if (parts.length != 8 || !PREFIX.equals(parts[0])) {
            throw new InvalidInputException("Malformed asset id '" + text + "': expected " + FORMAT_TEXT
                    + ", e.g. dataflow.jar.scala-workflow.user.stranger-data.master.39206ee8.3.");
        }
        int build;
        try {
            build = Integer.parseInt(parts[7]);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    "Malformed asset id '" + text + "': the build number '" + parts[7] + "' is not a number.");
        }
        return new AssetId(AssetType.fromId(parts[1]), parts[2], parts[3], parts[4], parts[5], parts[6], build);
    }

    /** The text form, as printed by deploys and accepted by references. */
    public String format() {
        return String.join(".", PREFIX, type.id(), namespace, owner, repo, branch, commit, Integer.toString(build));
    }

    /** The folder of this build's line in the registry: {@code jars/<ns>/<owner>/<repo>/<branch>/}. */
    public String lineKey() {
        return type.directory() + "/" + namespace + "/" + owner + "/" + repo + "/" + branch + "/";
    }

    /** The registry key of the stored object: {@code jars/<ns>/<owner>/<repo>/<branch>/<commit>/<build>.<ext>}. */
    public String objectKey(String extension) {
        return lineKey() + commit + "/" + build + "." + extension;
    }

    @Override
    public String toString() {
        return format();
    }
}
