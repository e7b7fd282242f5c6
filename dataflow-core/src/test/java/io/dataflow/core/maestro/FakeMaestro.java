package io.dataflow.core.maestro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A loopback HTTP server that answers like Maestro's workflow API (no Maestro server runs on these machines): it keeps
 * versions per workflow id (numbered 1, 2, 3 … by the server), which one is active, and records every request. It
 * follows what Maestro's controllers and DAO do: {@code POST /api/v3/workflows/yaml} creates an active version (the
 * YAML DSL has no {@code is_active}), {@code POST /api/v3/workflows} honours {@code is_active}; errors come as
 * Maestro's error body {@code {"status": …, "message": …, "errors": […]}}.
 *
 * <p>Tests make it refuse a request with {@link #refuse}; with {@link #requireBasicAuth} it answers 401 to requests
 * without those credentials. With a journal file every request is also appended there as one JSON line, for checks in
 * another class loader (invoker ITs).
 */
public final class FakeMaestro implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACTIVATE = Pattern.compile("/api/v3/workflows/([^/]+)/versions/([^/]+)/actions/activate");
    private static final Pattern DEACTIVATE = Pattern.compile("/api/v3/workflows/([^/]+)/actions/deactivate");
    private static final Pattern VERSION = Pattern.compile("/api/v3/workflows/([^/]+)/versions/([^/]+)");

    /** One recorded request. {@code authorization} is the raw header, {@code null} when absent. */
    public record Request(String method, String path, String contentType, String user, String authorization,
            String body) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One stored Maestro version. */
    public record Version(long number, String body, boolean json, String digest) {}

    private record Refusal(String method, Pattern path, String bodyMarker, int status, String body) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    private final Map<String, List<Version>> versions = new LinkedHashMap<>();
    private final Map<String, Long> active = new LinkedHashMap<>();
    private final Path journal;
    private volatile String expectedAuthorization;

    private FakeMaestro(Path journal) throws IOException {
        this.journal = journal;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeMaestro start() throws IOException {
        return new FakeMaestro(null);
    }

    /** A server that also appends every request to {@code journal} as a JSON line. */
    public static FakeMaestro start(Path journal) throws IOException {
        return new FakeMaestro(journal);
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/";
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests whose method and path are not read-only lookups (GET). */
    public List<Request> changes() {
        return requests.stream().filter(request -> !request.method().equals("GET")).toList();
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Answers every {@code method} request whose path matches {@code pathRegex} with Maestro's error body. */
    public void refuse(String method, String pathRegex, int status, String code, String message, String... errors) {
        refuseContaining(method, pathRegex, null, status, code, message, errors);
    }

    /**
     * Like {@link #refuse}, only for requests whose body contains {@code bodyMarker}: a build can then choose which of
     * its pushes Maestro refuses (for ITs, where the test cannot reach the server between builds).
     */
    public void refuseContaining(String method, String pathRegex, String bodyMarker, int status, String code,
            String message, String... errors) {
        ObjectNode body = JSON.createObjectNode().put("status", code).put("message", message);
        if (errors.length > 0) {
            body.putArray("errors").addAll(java.util.Arrays.stream(errors).map(e -> JSON.getNodeFactory().textNode(e))
                    .toList());
        }
        refusals.add(new Refusal(method, Pattern.compile(pathRegex), bodyMarker, status, body.toString()));
    }

    public void stopRefusing() {
        refusals.clear();
    }

    public void requireBasicAuth(String username, String password) {
        expectedAuthorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public synchronized List<Version> versions(String workflowId) {
        return List.copyOf(versions.getOrDefault(workflowId, List.of()));
    }

    /** The active version number, or {@code null}. */
    public synchronized Long active(String workflowId) {
        return active.get(workflowId);
    }

    /** Forgets every workflow, as a reset Maestro database would. */
    public synchronized void reset() {
        versions.clear();
        active.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Request request = new Request(method, path, exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("user"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body);
            requests.add(request);
            journal(request);
            if (expectedAuthorization != null && !expectedAuthorization.equals(request.authorization())) {
                error(exchange, 401, "UNAUTHORIZED", "Unauthorized caller");
                return;
            }
            for (Refusal refusal : refusals) {
                if (refusal.method().equals(method) && refusal.path().matcher(path).matches()
                        && (refusal.bodyMarker() == null || body.contains(refusal.bodyMarker()))) {
                    respond(exchange, refusal.status(), refusal.body());
                    return;
                }
            }
            route(exchange, method, path, body);
        } catch (RuntimeException e) {
            error(exchange, 500, "INTERNAL_ERROR", e.toString());
        }
    }

    private void route(HttpExchange exchange, String method, String path, String body) throws IOException {
        Matcher matcher;
        if (method.equals("PUT") && (path.equals("/api/v3/workflows/actions/validate/yaml")
                || path.equals("/api/v3/workflows/actions/validate"))) {
            respond(exchange, 200, "{\"type\":\"ACTION\",\"action\":\"VALIDATE\","
                    + "\"message\":\"the workflow definition is valid.\"}");
        } else if (method.equals("POST") && path.equals("/api/v3/workflows/yaml")) {
            created(exchange, yamlWorkflow(body), body, false, true);
        } else if (method.equals("POST") && path.equals("/api/v3/workflows")) {
            JsonNode request = JSON.readTree(body);
            created(exchange, request.path("workflow"), body, true, request.path("is_active").asBoolean(true));
        } else if (method.equals("PUT") && (matcher = ACTIVATE.matcher(path)).matches()) {
            activate(exchange, matcher.group(1), matcher.group(2));
        } else if (method.equals("PUT") && (matcher = DEACTIVATE.matcher(path)).matches()) {
            synchronized (this) {
                active.remove(matcher.group(1));
            }
            respond(exchange, 200, "{\"workflow_id\":\"" + matcher.group(1) + "\"}");
        } else if (method.equals("GET") && (matcher = VERSION.matcher(path)).matches()) {
            lookup(exchange, matcher.group(1), matcher.group(2));
        } else {
            error(exchange, 404, "NOT_FOUND", "No handler for " + method + " " + path);
        }
    }

    private void created(HttpExchange exchange, JsonNode workflow, String body, boolean json, boolean makeActive)
            throws IOException {
        String id = workflow.path("id").asText(null);
        if (id == null) {
            error(exchange, 400, "BAD_REQUEST", "workflow id cannot be null");
            return;
        }
        Version version;
        synchronized (this) {
            List<Version> list = versions.computeIfAbsent(id, key -> new ArrayList<>());
            version = new Version(list.size() + 1L, body, json,
                    workflow.path("params").path(MaestroConverter.DIGEST_PARAM).path("value").asText(null));
            list.add(version);
            if (makeActive) {
                active.put(id, version.number());
            }
        }
        respond(exchange, 200, definition(id, version).toString());
    }

    private void activate(HttpExchange exchange, String id, String versionText) throws IOException {
        Version version = find(id, versionText);
        if (version == null) {
            error(exchange, 404, "NOT_FOUND", "Cannot find workflow [" + id + "] with version [" + versionText + "]");
            return;
        }
        synchronized (this) {
            active.put(id, version.number());
        }
        respond(exchange, 200, "{\"workflow_id\":\"" + id + "\",\"workflow_version_id\":" + version.number()
                + ",\"timeline_event\":{\"type\":\"ACTION\",\"action\":\"ACTIVATE\"}}");
    }

    private void lookup(HttpExchange exchange, String id, String versionText) throws IOException {
        Version version = find(id, versionText);
        if (version == null) {
            error(exchange, 404, "NOT_FOUND", "Cannot find workflow [" + id + "] with version [" + versionText + "]");
            return;
        }
        respond(exchange, 200, definition(id, version).path("workflow_definition").toString());
    }

    private synchronized Version find(String id, String versionText) {
        List<Version> list = versions.getOrDefault(id, List.of());
        long number;
        if (versionText.equals("active")) {
            Long current = active.get(id);
            if (current == null) {
                return null;
            }
            number = current;
        } else if (versionText.equals("latest")) {
            number = list.size();
        } else {
            try {
                number = Long.parseLong(versionText);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return number >= 1 && number <= list.size() ? list.get((int) number - 1) : null;
    }

    /** Maestro's {@code WorkflowCreateResponse}: the definition with its metadata; params carry the digest. */
    private synchronized JsonNode definition(String id, Version version) {
        ObjectNode response = JSON.createObjectNode();
        ObjectNode definition = response.putObject("workflow_definition");
        definition.putObject("metadata").put("workflow_id", id).put("workflow_version_id", version.number());
        ObjectNode workflow = definition.putObject("workflow").put("id", id);
        if (version.digest() != null) {
            workflow.putObject("params").putObject(MaestroConverter.DIGEST_PARAM).put("value", version.digest())
                    .put("type", "STRING");
        }
        definition.put("is_active", Long.valueOf(version.number()).equals(active.get(id)));
        return response;
    }

    /** The {@code Workflow:} mapping of a YAML DSL document, with parameter keys reduced to names as Maestro does. */
    @SuppressWarnings("unchecked")
    private static JsonNode yamlWorkflow(String body) {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(body);
        Object workflow = document instanceof Map<?, ?> map ? (map.containsKey("Workflow") ? map.get("Workflow")
                : map.get("workflow")) : null;
        if (!(workflow instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("workflow cannot be null");
        }
        ObjectNode node = JSON.createObjectNode();
        ObjectNode params = node.putObject("params");
        ((Map<String, Object>) workflow).forEach((key, value) -> {
            if (key.equals("id")) {
                node.put("id", String.valueOf(value));
            } else if (value instanceof String text) {
                params.putObject(key.replaceAll("^!|<.*$|\\(.*\\)$", "")).put("value", text);
            }
        });
        return node;
    }

    private void journal(Request request) {
        if (journal == null) {
            return;
        }
        try {
            Files.writeString(journal, JSON.writeValueAsString(request) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        respond(exchange, status, JSON.createObjectNode().put("status", code).put("message", message).toString());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
