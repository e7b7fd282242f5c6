package io.dataflow.core.maestro;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Maestro's workflow API ({@code /api/v3/workflows}) over the JDK's HTTP client: validate, create a version, activate
 * one, look versions up. Every refusal carries Maestro's own error message ({@code message} and {@code errors} of its
 * error body). Credentials go into the {@code Authorization} header only; nothing here logs headers or bodies.
 */
public final class MaestroClient {

    private static final String WORKFLOWS = "api/v3/workflows";
    private static final String YAML = "application/yaml";
    private static final String JSON = "application/json";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_BODY_IN_MESSAGE = 2000;

    private final MaestroEndpoint endpoint;
    private final DataflowLog log;
    private final HttpClient http;

    public MaestroClient(MaestroEndpoint endpoint, DataflowLog log) {
        this.endpoint = endpoint;
        this.log = log;
        // No redirects: credentials must not follow a redirect to another host.
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public MaestroEndpoint endpoint() {
        return endpoint;
    }

    /** {@code PUT /api/v3/workflows/actions/validate/yaml}: whether Maestro would take the YAML export. */
    public void validateYaml(MaestroExport export) {
        send("PUT", WORKFLOWS + "/actions/validate/yaml", YAML, export.yaml(), "validation of " + describe(export));
    }

    /** {@code PUT /api/v3/workflows/actions/validate}: whether Maestro would take the JSON create request. */
    public void validateJson(MaestroExport export) {
        send("PUT", WORKFLOWS + "/actions/validate", JSON, export.requireJson(), "validation of " + describe(export));
    }

    /**
     * Creates a new Maestro version of the workflow: {@code POST /api/v3/workflows/yaml} with the YAML export, or
     * {@code POST /api/v3/workflows} with the JSON create request when the workflow has a trigger.
     *
     * @return the number Maestro gave the new version
     */
    public long create(MaestroExport export) {
        String what = "the push of " + describe(export);
        JsonNode answer = export.hasTrigger()
                ? send("POST", WORKFLOWS, JSON, export.requireJson(), what)
                : send("POST", WORKFLOWS + "/yaml", YAML, export.yaml(), what);
        JsonNode version = answer.path("workflow_definition").path("metadata").path("workflow_version_id");
        if (!version.canConvertToLong() || version.asLong() < 1) {
            throw new EnvironmentException("Maestro at " + endpoint.url() + " answered " + what + " without"
                    + " workflow_definition.metadata.workflow_version_id; is " + endpoint.url() + " a Maestro server?");
        }
        return version.asLong();
    }

    /** {@code PUT /api/v3/workflows/{id}/versions/{version}/actions/activate}. */
    public void activate(String maestroId, long version) {
        send("PUT", WORKFLOWS + "/" + maestroId + "/versions/" + version + "/actions/activate", null, null,
                "the activation of Maestro workflow " + maestroId + " version " + version);
    }

    /** {@code PUT /api/v3/workflows/{id}/actions/deactivate}: no version of the workflow runs on its triggers. */
    public void deactivate(String maestroId) {
        send("PUT", WORKFLOWS + "/" + maestroId + "/actions/deactivate", null, null,
                "the deactivation of Maestro workflow " + maestroId);
    }

    /** The active version, or empty when the workflow does not exist in Maestro or none of its versions is active. */
    public Optional<Long> activeVersion(String maestroId) {
        return version(maestroId, "active").map(definition -> definition.path("metadata").path("workflow_version_id"))
                .filter(JsonNode::canConvertToLong).map(JsonNode::asLong);
    }

    /** {@code GET /api/v3/workflows/{id}/versions/{version}}: the definition, or empty when Maestro has none. */
    public Optional<JsonNode> version(String maestroId, long version) {
        return version(maestroId, String.valueOf(version));
    }

    private Optional<JsonNode> version(String maestroId, String version) {
        String path = WORKFLOWS + "/" + maestroId + "/versions/" + version;
        Answer answer = exchange("GET", path, null, null, "the lookup of Maestro workflow " + maestroId + " version "
                + version);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(check(answer, "GET", path, "the lookup of Maestro workflow " + maestroId + " version "
                + version));
    }

    private JsonNode send(String method, String path, String contentType, String body, String what) {
        return check(exchange(method, path, contentType, body, what), method, path, what);
    }

    private record Answer(int status, String body) {}

    private Answer exchange(String method, String path, String contentType, String body, String what) {
        URI uri = endpoint.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(endpoint.timeout())
                .header("Accept", JSON)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType + "; charset=UTF-8");
        }
        if (endpoint.callerName() != null) {
            request.header("user", endpoint.callerName());
        }
        if (endpoint.hasCredentials()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (endpoint.username() + ":" + endpoint.password()).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            log.debug(method + " " + uri + " -> HTTP " + response.statusCode());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new EnvironmentException("Maestro at " + endpoint.url() + " did not answer " + what + " (" + e
                    + "). Check dataflow.maestro.url and that the server is up.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while waiting for Maestro at " + endpoint.url() + " (" + what
                    + ").", e);
        }
    }

    private JsonNode check(Answer answer, String method, String path, String what) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            if (answer.body() == null || answer.body().isBlank()) {
                return Json.mapper().createObjectNode();
            }
            try {
                return Json.mapper().readTree(answer.body());
            } catch (IOException e) {
                throw new EnvironmentException("Maestro at " + endpoint.url() + " answered " + what + " with a body that"
                        + " is not JSON; is " + endpoint.url() + " a Maestro server?", e);
            }
        }
        String refusal = "Maestro at " + endpoint.url() + " refused " + what + " (" + method + " /" + path + ", HTTP "
                + status + "): " + maestroMessage(answer.body());
        if (status == 401 || status == 403) {
            throw new InvalidInputException(refusal + ". Check the username and password of the settings.xml <server>"
                    + " named by dataflow.maestro.serverId (default 'maestro').");
        }
        if (status >= 400 && status < 500) {
            throw new InvalidInputException(refusal);
        }
        throw new EnvironmentException(refusal);
    }

    /** Maestro's error body: {@code {"status": "BAD_REQUEST", "message": "...", "errors": ["..."]}}. */
    private static String maestroMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(no message)";
        }
        try {
            JsonNode error = Json.mapper().readTree(body);
            List<String> parts = new ArrayList<>();
            if (error.hasNonNull("status")) {
                parts.add(error.get("status").asText());
            }
            if (error.hasNonNull("message")) {
                parts.add(error.get("message").asText());
            }
            error.path("errors").forEach(item -> parts.add(item.asText()));
            if (!parts.isEmpty()) {
                return String.join("; ", parts);
            }
        } catch (IOException e) {
            // Not Maestro's JSON error body (a proxy's page, say): show the text as it came.
        }
        String text = body.strip().replaceAll("\\s+", " ");
        return text.length() > MAX_BODY_IN_MESSAGE ? text.substring(0, MAX_BODY_IN_MESSAGE) + "…" : text;
    }

    private static String describe(MaestroExport export) {
        return "workflow " + export.maestroId() + " (Dataflow " + export.workflowId() + " version " + export.version()
                + ")";
    }
}
