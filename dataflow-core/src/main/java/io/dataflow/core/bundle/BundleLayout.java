package io.dataflow.core.bundle;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registry keys of workflow versions. One version lives under {@code workflows/<id>/versions/<n>/}:
 * <pre>
 *   claim.json                      allocates number n (create-if-absent; never visible on its own)
 *   workflow.sch.rendered.yaml      the rendered workflow
 *   workflow.svg                    its DAG picture (listed in the manifest; absent in versions without one)
 *   assets/&lt;uuid&gt;.&lt;ext&gt;            server-side copies of every referenced asset build
 *   files/&lt;relative path&gt;           copies of every $S3{} file
 *   manifest.json                   written last; its existence makes the version visible
 * </pre>
 */
public final class BundleLayout {

    public static final String WORKFLOWS = "workflows/";
    public static final String RENDERED_FILE = "workflow.sch.rendered.yaml";
    public static final String PICTURE_FILE = "workflow.svg";
    public static final String MANIFEST_FILE = "manifest.json";
    public static final String CLAIM_FILE = "claim.json";

    private static final String VERSION_FOLDER =
            "workflows/([A-Za-z0-9_][A-Za-z0-9._-]*(?:@[A-Za-z0-9_-]+)?)/versions/([1-9][0-9]{0,9})/";
    private static final Pattern VERSION_FILE = Pattern.compile(VERSION_FOLDER + "(" + Pattern.quote(MANIFEST_FILE) + "|"
            + Pattern.quote(CLAIM_FILE) + ")");
    private static final Pattern VERSION_OBJECT = Pattern.compile(VERSION_FOLDER + "(.+)");

    private BundleLayout() {}

    /** Prefix of every version of one workflow. */
    public static String versionsPrefix(String workflowId) {
        return WORKFLOWS + workflowId + "/versions/";
    }

    public static String versionPrefix(String workflowId, int version) {
        return versionsPrefix(workflowId) + version + "/";
    }

    public static String claimKey(String workflowId, int version) {
        return versionPrefix(workflowId, version) + CLAIM_FILE;
    }

    public static String manifestKey(String workflowId, int version) {
        return versionPrefix(workflowId, version) + MANIFEST_FILE;
    }

    public static String renderedKey(String workflowId, int version) {
        return versionPrefix(workflowId, version) + RENDERED_FILE;
    }

    public static String pictureKey(String workflowId, int version) {
        return versionPrefix(workflowId, version) + PICTURE_FILE;
    }

    /** The bundle copy of an asset build, named by its UUID and the extension of its registry key. */
    public static String assetKey(String workflowId, int version, String uuid, String registryKey) {
        String name = registryKey.substring(registryKey.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return versionPrefix(workflowId, version) + "assets/" + uuid + (dot < 0 ? "" : name.substring(dot));
    }

    public static String fileKey(String workflowId, int version, String relativePath) {
        return versionPrefix(workflowId, version) + "files/" + relativePath;
    }

    /** A claim or manifest key, decoded; empty for every other key. */
    public static Optional<VersionFile> parse(String key) {
        Matcher matcher = VERSION_FILE.matcher(key);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new VersionFile(matcher.group(1), Integer.parseInt(matcher.group(2)),
                MANIFEST_FILE.equals(matcher.group(3))));
    }

    /** Any key inside a version's folder (claim, manifest, rendered YAML, bundle copies), decoded. */
    public static Optional<VersionObject> parseObject(String key) {
        Matcher matcher = VERSION_OBJECT.matcher(key);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new VersionObject(matcher.group(1), Integer.parseInt(matcher.group(2)), matcher.group(3)));
    }

    /**
     * A key inside the folder of one version.
     *
     * @param path the part of the key below the version's folder, e.g. {@code assets/<uuid>.jar}
     */
    public record VersionObject(String workflowId, int version, String path) {}

    /**
     * A claim or manifest key of one version.
     *
     * @param manifest {@code true} for the manifest (the version is visible), {@code false} for the claim
     */
    public record VersionFile(String workflowId, int version, boolean manifest) {}
}
