package io.dataflow.core.maestro;

import io.dataflow.core.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * The Maestro server released versions are pushed to. The password never appears in {@link #toString()}, in any
 * message or in any log line, also not under {@code mvn -X}.
 *
 * @param url the server's base URL, e.g. {@code https://maestro.example.com/} (the API is below {@code api/v3/})
 * @param username sent as HTTP basic authentication with {@code password}, and as Maestro's {@code user} header;
 *     {@code null} when the server needs no credentials
 * @param password {@code null} when the server needs no credentials
 * @param caller the {@code user} header when there is no username (the user who deploys)
 * @param timeout how long one request may take
 */
public record MaestroEndpoint(URI url, String username, String password, String caller, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public MaestroEndpoint {
        Objects.requireNonNull(url, "url");
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /**
     * @param url as configured ({@code <maestro><url>} or {@code -Ddataflow.maestro.url})
     * @return {@code null} when {@code url} is blank: nothing is pushed
     * @throws InvalidInputException when the URL is not an http(s) URL or carries credentials
     */
    public static MaestroEndpoint of(String url, String username, String password, String caller, Duration timeout) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InvalidInputException("Maestro URL '" + url.strip() + "' (dataflow.maestro.url or <maestro><url>)"
                    + " is not a URL: " + e.getReason() + ". Write it like https://maestro.example.com/.");
        }
        if (uri.getRawUserInfo() != null) {
            // Never echo the URL: its user info may hold the secret.
            throw new InvalidInputException("The Maestro URL (dataflow.maestro.url or <maestro><url>) contains"
                    + " credentials; URLs end up in logs. Remove them from the URL and put them in a settings.xml"
                    + " <server> whose id is dataflow.maestro.serverId (default 'maestro').");
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidInputException("Maestro URL '" + uri + "' (dataflow.maestro.url or <maestro><url>) must be"
                    + " an http or https URL of the server without query or fragment, e.g. https://maestro.example.com/.");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/"
                : uri.getRawPath().endsWith("/") ? uri.getRawPath() : uri.getRawPath() + "/";
        return new MaestroEndpoint(uri.resolve(path), blankToNull(username), blankToNull(password),
                blankToNull(caller), timeout);
    }

    /** The full URL of an API path such as {@code api/v3/workflows/yaml}. */
    URI resolve(String apiPath) {
        return url.resolve(apiPath);
    }

    /** Who Maestro records as the caller: the configured username, else the deployer. */
    String callerName() {
        return username != null ? username : caller;
    }

    boolean hasCredentials() {
        return username != null && password != null;
    }

    @Override
    public String toString() {
        return "MaestroEndpoint[url=" + url + ", username=" + username + ", password="
                + (password == null ? "none" : "***") + ", caller=" + caller + ", timeout=" + timeout + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
