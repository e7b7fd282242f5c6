package io.dataflow.core.registry;

import io.minio.Signer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A loopback HTTP proxy in front of a real S3 server that misbehaves on purpose, the way proxies, gateways and
 * overloaded servers do: it answers 503, drops connections before or after the server applied a request, and can
 * strip the conditional headers ({@code If-None-Match}, {@code If-Match}) like a server that ignores them. A
 * request whose headers it changes is signed again (SigV4, with the test server's credentials), so the server
 * sees a valid request without the header rather than a signature error.
 *
 * <p>One request per connection: every response says {@code Connection: close}, which keeps the relaying simple.
 */
public final class FaultInjectingProxy implements AutoCloseable {

    /** What the proxy does with one request. */
    public enum Fault {
        /** Relay the request and the answer. */
        NONE,
        /** Answer 503 SlowDown (XML, as S3 does) without relaying. */
        SLOW_DOWN_BEFORE,
        /** Answer 503 with an HTML page (as a gateway does) without relaying. */
        GATEWAY_503_BEFORE,
        /** Close the connection without relaying. */
        DROP_BEFORE,
        /** Relay, let the server apply the request, then close the connection without answering. */
        DROP_AFTER,
        /** Relay, let the server apply the request, then answer 503 SlowDown instead of its answer. */
        SLOW_DOWN_AFTER
    }

    /** A request as the proxy sees it: method, path with query, and headers (lower-case names). */
    public record Exchange(String method, String target, Map<String, String> headers) {
        public boolean isConditionalPut() {
            return method.equals("PUT") && headers.containsKey("if-none-match");
        }

        @Override
        public String toString() {
            return method + " " + target;
        }
    }

    /** Decides the fault of each request; called from several threads. */
    @FunctionalInterface
    public interface Policy {
        Fault decide(Exchange exchange);
    }

    private static final Set<String> CONDITIONAL_HEADERS = Set.of("if-none-match", "if-match");
    private static final Pattern SIGNED_HEADERS = Pattern.compile("SignedHeaders=([^,\\s]+)");
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[0-9]{8}/([^/]+)/s3/aws4_request");

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final Policy policy;
    private final boolean stripConditionalHeaders;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> journal = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger faults = new AtomicInteger();
    private volatile boolean closed;

    private FaultInjectingProxy(int upstreamPort, Policy policy, boolean stripConditionalHeaders) throws IOException {
        this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
        this.policy = policy;
        this.stripConditionalHeaders = stripConditionalHeaders;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy in front of {@code server} that injects the faults {@code policy} picks. */
    public static FaultInjectingProxy faulty(S3ProxyServer server, Policy policy) throws IOException {
        return new FaultInjectingProxy(server.port(), policy, false);
    }

    /** A proxy in front of {@code server} that relays everything but strips If-None-Match and If-Match. */
    public static FaultInjectingProxy ignoringConditions(S3ProxyServer server) throws IOException {
        return new FaultInjectingProxy(server.port(), exchange -> Fault.NONE, true);
    }

    /**
     * Picks a fault for {@code percent}% of the requests, from a seeded random sequence (which requests get one
     * still depends on the order in which threads send them).
     */
    public static Policy seeded(long seed, int percent) {
        Random random = new Random(seed);
        Fault[] kinds = {Fault.SLOW_DOWN_BEFORE, Fault.GATEWAY_503_BEFORE, Fault.DROP_BEFORE, Fault.DROP_AFTER,
                Fault.SLOW_DOWN_AFTER};
        return exchange -> {
            synchronized (random) {
                return random.nextInt(100) < percent ? kinds[random.nextInt(kinds.length)] : Fault.NONE;
            }
        };
    }

    /** The S3 endpoint URL clients use instead of the server's. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Settings for a registry reached through this proxy, with the test server's credentials. */
    public RegistrySettings settings(S3ProxyServer s3, String registry) {
        RegistrySettings direct = s3.settings(registry);
        return new RegistrySettings(registry, endpoint(), direct.region(), direct.credentials(), direct.timeout());
    }

    /** Every request seen so far with what happened to it, e.g. {@code PUT /bucket/key -> DROP_AFTER}. */
    public List<String> journal() {
        synchronized (journal) {
            return List.copyOf(journal);
        }
    }

    /** How many requests got a fault. */
    public int faults() {
        return faults.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                workers.execute(() -> handle(client));
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            List<String> lines = readHead(in);
            if (lines.isEmpty()) {
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            List<String[]> rawHeaders = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                rawHeaders.add(new String[] {name, value});
                headers.put(name.toLowerCase(Locale.ROOT), value);
            }
            byte[] body = readBody(in, headers);
            String[] requestLine = lines.get(0).split(" ");
            Exchange exchange = new Exchange(requestLine[0], requestLine[1], Map.copyOf(headers));
            Fault fault = policy.decide(exchange);
            journal.add(exchange + " -> " + fault);
            if (fault != Fault.NONE) {
                faults.incrementAndGet();
            }
            OutputStream out = client.getOutputStream();
            switch (fault) {
                case SLOW_DOWN_BEFORE -> out.write(slowDown());
                case GATEWAY_503_BEFORE -> out.write(gatewayError());
                case DROP_BEFORE -> client.setSoLinger(true, 0);
                default -> {
                    byte[] answer = relay(exchange, rawHeaders, body);
                    if (fault == Fault.DROP_AFTER) {
                        client.setSoLinger(true, 0); // a reset, as when a connection breaks
                    } else {
                        out.write(fault == Fault.SLOW_DOWN_AFTER ? slowDown() : answer);
                    }
                }
            }
            out.flush();
        } catch (SocketException clientGone) {
            // the client gave up on this connection; nothing to relay any more
        } catch (IOException e) {
            journal.add("proxy failure: " + e);
        }
    }

    /** Sends the request upstream on a fresh connection and returns the whole answer, marked Connection: close. */
    private byte[] relay(Exchange exchange, List<String[]> rawHeaders, byte[] body) throws IOException {
        List<String[]> headers = stripConditionalHeaders ? resign(exchange, rawHeaders) : rawHeaders;
        try (Socket socket = new Socket(upstream.getAddress(), upstream.getPort())) {
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(exchange.method()).append(' ').append(exchange.target())
                    .append(" HTTP/1.1\r\n");
            for (String[] header : headers) {
                String name = header[0].toLowerCase(Locale.ROOT);
                if (!name.equals("connection") && !name.equals("content-length") && !name.equals("transfer-encoding")) {
                    head.append(header[0]).append(": ").append(header[1]).append("\r\n");
                }
            }
            if (body.length > 0 || exchange.method().equals("PUT") || exchange.method().equals("POST")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            List<String> responseHead = readHead(in);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            for (String line : responseHead) {
                if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    answer.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            answer.write("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            in.transferTo(answer); // the server closes after its answer, whatever its framing
            return answer.toByteArray();
        }
    }

    /** The request's headers without the conditional ones, signed again as the client would have signed them. */
    private List<String[]> resign(Exchange exchange, List<String[]> rawHeaders) throws IOException {
        String authorization = exchange.headers().get("authorization");
        if (authorization == null) {
            return rawHeaders;
        }
        Matcher signed = SIGNED_HEADERS.matcher(authorization);
        Matcher scope = SCOPE.matcher(authorization);
        if (!signed.find() || !scope.find()) {
            throw new IOException("Cannot re-sign a request with authorization " + authorization.split(",")[0]);
        }
        Set<String> signedNames = Set.of(signed.group(1).split(";"));
        Headers.Builder toSign = new Headers.Builder();
        List<String[]> kept = new ArrayList<>();
        for (String[] header : rawHeaders) {
            String name = header[0].toLowerCase(Locale.ROOT);
            if (CONDITIONAL_HEADERS.contains(name) || name.equals("authorization")) {
                continue;
            }
            kept.add(header);
            if (signedNames.contains(name)) {
                toSign.addUnsafeNonAscii(header[0], header[1]);
            }
        }
        Request request = new Request.Builder()
                .url("http://" + exchange.headers().get("host") + exchange.target())
                .headers(toSign.build())
                .method(exchange.method(), exchange.method().equals("GET") || exchange.method().equals("HEAD")
                        ? null : RequestBody.create(new byte[0]))
                .build();
        try {
            Request signedRequest = Signer.signV4S3(request, scope.group(1), S3ProxyServer.ACCESS_KEY,
                    S3ProxyServer.SECRET_KEY, exchange.headers().get("x-amz-content-sha256"));
            kept.add(new String[] {"Authorization", signedRequest.header("Authorization")});
            return kept;
        } catch (Exception e) {
            throw new IOException("Cannot re-sign " + exchange, e);
        }
    }

    /** The request or status line and the header lines, up to the empty line; empty at the end of the stream. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            lines.add(line);
        }
        return lines;
    }

    private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = readLine(in);
                if (size == null) {
                    throw new IOException("connection closed inside a chunked body");
                }
                int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (length == 0) {
                    readLine(in);
                    return body.toByteArray();
                }
                body.write(in.readNBytes(length));
                readLine(in);
            }
        }
        String length = headers.get("content-length");
        return length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
    }

    /** One CRLF-terminated line without its CRLF; {@code null} when the stream ends first. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        int next;
        while ((next = in.read()) >= 0) {
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(next);
            previous = next;
        }
        return null;
    }

    private static byte[] slowDown() {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                + "<Message>Please reduce your request rate.</Message><RequestId>fault-proxy</RequestId></Error>";
        return response(503, "Slow Down", "application/xml", body);
    }

    private static byte[] gatewayError() {
        return response(503, "Service Unavailable", "text/html",
                "<html><body><h1>503 Service Unavailable</h1>No server is available.</body></html>");
    }

    private static byte[] response(int status, String reason, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing more will be accepted either way
        }
        workers.shutdownNow();
    }
}
