package io.dataflow.core.registry;

import io.dataflow.core.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** Opens the backend a {@code dataflow.registry} value names. */
public final class ObjectStores {

    static final String PROPERTY = "dataflow.registry";
    static final String ACCEPTED_FORMS = "file:///absolute/path, s3://bucket/prefix, or leave it empty for "
            + "the default local registry ~/.dataflow/registry";

    /** S3 bucket naming rules (lower case, 3-63 characters, no leading/trailing dot or dash). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX_SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    private ObjectStores() {}

    public static ObjectStore open(RegistrySettings settings) {
        String registry = settings.registry() == null ? "" : settings.registry().trim();
        if (registry.isEmpty()) {
            return new LocalObjectStore(defaultLocalRegistry());
        }
        String scheme = registry.contains(":") ? registry.substring(0, registry.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        switch (scheme) {
            case "file":
                return new LocalObjectStore(localDirectory(registry));
            case "s3":
                return openS3(registry, settings);
            default:
                throw invalid(registry, "it is neither a file:// nor an s3:// URL");
        }
    }

    /** {@code ~/.dataflow/registry}: works with no configuration at all. */
    public static Path defaultLocalRegistry() {
        return Path.of(System.getProperty("user.home"), ".dataflow", "registry");
    }

    private static Path localDirectory(String registry) {
        URI uri = parse(registry);
        if (uri.getAuthority() != null || uri.getPath() == null || !uri.getPath().startsWith("/")
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw invalid(registry, "a file registry must be an absolute path such as file:///srv/dataflow-registry");
        }
        try {
            return Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw invalid(registry, e.getMessage());
        }
    }

    private static ObjectStore openS3(String registry, RegistrySettings settings) {
        // Bucket names and prefixes never hold '@': any one means user-info, however the URL parser splits it.
        if (registry.indexOf('@') >= 0) {
            throw invalid(registry, "credentials do not belong in the URL; put them in the settings.xml <server> "
                    + "named by dataflow.serverId or in the AWS environment variables");
        }
        URI uri = parse(registry);
        String bucket = uri.getHost();
        if (bucket == null || !BUCKET.matcher(bucket).matches() || uri.getPort() != -1) {
            throw invalid(registry, "the bucket name must be 3-63 lower-case letters, digits, '.' or '-'");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw invalid(registry, "an s3 registry URL has no query or fragment");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String prefix = trimSlashes(path);
        if (!prefix.isEmpty()) {
            for (String segment : prefix.split("/", -1)) {
                if (!PREFIX_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                    throw invalid(registry, "the prefix '" + prefix + "' must be '/'-separated names made of "
                            + "letters, digits, '.', '_' and '-'");
                }
            }
        }
        return new S3ObjectStore(bucket, prefix, settings);
    }

    private static URI parse(String registry) {
        try {
            return new URI(registry);
        } catch (URISyntaxException e) {
            throw invalid(registry, "it is not a valid URL (" + e.getReason() + ")");
        }
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    private static InvalidInputException invalid(String registry, String reason) {
        return new InvalidInputException("Invalid " + PROPERTY + " '" + withoutUserInfo(registry) + "': " + reason
                + ". Use " + ACCEPTED_FORMS + ".");
    }

    /**
     * The URL as it may be printed: everything between {@code ://} and the last {@code @} masked. The last one, since
     * secrets may hold {@code /} or an encoded {@code @}; a path that merely contains {@code @} is masked too, which
     * costs a message some detail but never leaks a secret.
     */
    static String withoutUserInfo(String url) {
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int schemeEnd = url.indexOf("://");
        String scheme = schemeEnd >= 0 && schemeEnd < at ? url.substring(0, schemeEnd + 3) : "";
        return scheme + "****@" + url.substring(at + 1);
    }
}
