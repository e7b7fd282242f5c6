package io.dataflow.core.identity;

import io.dataflow.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Kinds of deployable asset. The id is the UUID segment; the directory is the registry folder. */
public enum AssetType {
    JAR("jar", "jar"),
    WHL("whl", "whl"),
    SQL("sql", "sql"),
    FILE("file", "bin");

    private final String id;
    private final String defaultExtension;

    AssetType(String id, String defaultExtension) {
        this.id = id;
        this.defaultExtension = defaultExtension;
    }

    /** The segment used in UUIDs and references, e.g. {@code jar}. */
    public String id() {
        return id;
    }

    /** The top-level registry folder, e.g. {@code jars}. */
    public String directory() {
        return id + "s";
    }

    /** Extension used for stored objects when the uploaded file has none of its own. */
    public String defaultExtension() {
        return defaultExtension;
    }

    public static AssetType fromId(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (AssetType type : values()) {
            if (type.id.equals(wanted)) {
                return type;
            }
        }
        throw new InvalidInputException("Unknown asset type '" + value + "'. Use one of: "
                + Arrays.stream(values()).map(AssetType::id).collect(Collectors.joining(", ")) + ".");
    }

    @Override
    public String toString() {
        return id;
    }
}
