package io.dataflow.core.registry;

import io.dataflow.core.identity.AssetType;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the keys of asset lines, laid out as {@link AssetRegistry} describes:
 * {@code <type>s/<namespace>/<owner>/<repo>/<branch>/.claims/<n>}, {@code .../<commit>/<n>.<ext>} (the bytes) and
 * {@code .../<commit>/<n>.meta.json} (the metadata that makes build {@code n} visible).
 */
public final class AssetKeys {

    /** Folder of the content index: {@code .index/sha256/<hex>} holds the key of a stored copy of those bytes. */
    public static final String CONTENT_INDEX = ".index/sha256/";

    /** What a key of an asset line holds. */
    public enum Kind { CLAIM, BYTES, METADATA }

    /**
     * One decoded key.
     *
     * @param lineKey the line's folder, {@code <type>s/<namespace>/<owner>/<repo>/<branch>/}
     * @param commit the short commit folder; {@code null} for claims
     */
    public record AssetKey(Kind kind, AssetType type, String namespace, String lineKey, int build, String commit) {}

    private static final String SEGMENT = "[A-Za-z0-9_-]+";
    private static final String NUMBER = "([1-9][0-9]{0,8})";
    private static final Pattern KEY = Pattern.compile("(([a-z]+)s/(" + SEGMENT + ")/" + SEGMENT + "/" + SEGMENT + "/"
            + SEGMENT + "/)(?:" + Pattern.quote(AssetRegistry.CLAIMS_FOLDER) + NUMBER
            + "|([0-9a-f]{8})/" + NUMBER + "\\.([A-Za-z0-9.]{1,32}))");

    private AssetKeys() {}

    /** The decoded key; empty for every key that is not a claim, bytes or metadata of an asset build. */
    public static Optional<AssetKey> parse(String key) {
        Matcher matcher = KEY.matcher(key);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        AssetType type = typeOfDirectory(matcher.group(2) + "s");
        if (type == null) {
            return Optional.empty();
        }
        if (matcher.group(4) != null) {
            return Optional.of(new AssetKey(Kind.CLAIM, type, matcher.group(3), matcher.group(1),
                    Integer.parseInt(matcher.group(4)), null));
        }
        Kind kind = matcher.group(7).equals(AssetRegistry.METADATA_EXTENSION) ? Kind.METADATA : Kind.BYTES;
        return Optional.of(new AssetKey(kind, type, matcher.group(3), matcher.group(1),
                Integer.parseInt(matcher.group(6)), matcher.group(5)));
    }

    /** The metadata key of build {@code build} made from {@code commit} (short form) in a line. */
    public static String metadataKey(String lineKey, String commit, int build) {
        return lineKey + commit + "/" + build + "." + AssetRegistry.METADATA_EXTENSION;
    }

    /** The claim key of build number {@code build} in a line. */
    public static String claimKey(String lineKey, int build) {
        return lineKey + AssetRegistry.CLAIMS_FOLDER + build;
    }

    private static AssetType typeOfDirectory(String directory) {
        for (AssetType type : AssetType.values()) {
            if (type.directory().equals(directory)) {
                return type;
            }
        }
        return null;
    }
}
