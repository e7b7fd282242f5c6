package io.dataflow.core.identity;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading owner and repository names out of git remote URLs, and keeping secrets out of them. */
public final class RemoteUrls {

    /** {@code scheme://userinfo@rest}; userinfo may hold a password or an access token. */
    private static final Pattern WITH_SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(?:([^@/]*)@)?(.*)$");
    /** scp-like ssh form {@code [user@]host:path}; the host part has no slash, the path does not start with one. */
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/:]+@)?[^@/:]+:(?!/)(.+)$");

    private RemoteUrls() {}

    /**
     * The URL without secrets: for http(s) the whole user-info goes (tokens are often passed as the user
     * name), for other schemes only the password part.
     */
    public static String stripCredentials(String url) {
        Matcher m = WITH_SCHEME.matcher(url.trim());
        if (!m.matches() || m.group(2) == null) {
            return url.trim();
        }
        String scheme = m.group(1);
        String userInfo = m.group(2);
        boolean http = scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https");
        int colon = userInfo.indexOf(':');
        String kept = http ? "" : (colon >= 0 ? userInfo.substring(0, colon) : userInfo);
        return scheme + "://" + (kept.isEmpty() ? "" : kept + "@") + m.group(3);
    }

    /**
     * Owner and repository from the last two path segments of the URL, repository without {@code .git}:
     * {@code git@github.com:user/stranger-data.git} gives {@code user}, {@code stranger-data}.
     *
     * @return empty when the URL has fewer than two path segments
     */
    public static Optional<OwnerRepo> ownerAndRepo(String url) {
        String path = pathOf(stripCredentials(url));
        List<String> segments = Arrays.stream(path.split("[/\\\\]+")).filter(s -> !s.isEmpty()).toList();
        if (segments.size() < 2) {
            return Optional.empty();
        }
        String repo = segments.get(segments.size() - 1);
        if (repo.endsWith(".git")) {
            repo = repo.substring(0, repo.length() - ".git".length());
        }
        String owner = segments.get(segments.size() - 2);
        if (repo.isEmpty() || owner.equals("..") || owner.equals(".") || owner.contains(":")) {
            return Optional.empty();
        }
        return Optional.of(new OwnerRepo(owner, repo));
    }

    private static String pathOf(String url) {
        Matcher withScheme = WITH_SCHEME.matcher(url);
        if (withScheme.matches()) {
            String rest = withScheme.group(3);
            // file:///path has an empty host; ssh://host:22/path and https://host/path start the path at the slash.
            int slash = rest.indexOf('/');
            return slash < 0 ? "" : rest.substring(slash);
        }
        Matcher scp = SCP_LIKE.matcher(url);
        if (scp.matches()) {
            return scp.group(1);
        }
        return url;
    }

    /** The two UUID segments a remote URL provides. */
    public record OwnerRepo(String owner, String repo) {}
}
