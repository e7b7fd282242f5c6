package io.dataflow.core.bundle;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository file a workflow references with {@code $S3{./path}}; it ships in the bundle.
 *
 * @param relativePath the file's path relative to the repository root, '/'-separated, e.g. {@code ddl/create.sql}
 * @param source the file on disk
 * @param key its content-addressed registry key {@code files/<sha256>/<file name>}, where the rendered YAML points
 * @param sha256 hex digest of the file's bytes at render time
 * @param size size in bytes
 */
public record BundledFile(String relativePath, Path source, String key, String sha256, long size) {

    private static final Pattern CONTENT_KEY = Pattern.compile("files/([0-9a-f]{64})/[^/]+");

    public BundledFile {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** The content-addressed key of a file: {@code files/<sha256>/<file name>}. */
    public static String contentKey(String sha256, String fileName) {
        return "files/" + sha256 + "/" + fileName;
    }

    /** The sha256 a {@link #contentKey content-addressed key} names; empty for every other key. */
    public static Optional<String> sha256OfContentKey(String key) {
        Matcher matcher = CONTENT_KEY.matcher(key);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
