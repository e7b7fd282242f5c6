package io.dataflow.core.registry;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 server for tests: S3Proxy in its own JVM, on a free loopback port, checking SigV4 signatures,
 * storing into a temporary directory. Separate-process so that its Jetty/Guava/Jackson stay off our class path.
 *
 * <p>Tests normally use {@link #shared()}: one server per test JVM, stopped when the JVM exits. The jar comes
 * from the system property {@value #JAR_PROPERTY}, which the dataflow-core pom sets after copying it with
 * maven-dependency-plugin.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String JAR_PROPERTY = "dataflow.test.s3proxyJar";
    public static final String ACCESS_KEY = "dataflow-test-access";
    public static final String SECRET_KEY = "dataflow-test-secret-5f1c9a";
    public static final String BUCKET = "dataflow-test";
    public static final String REGION = "us-east-1";

    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);
    private static S3ProxyServer shared;

    private final Process process;
    private final Path directory;
    private final int port;

    private S3ProxyServer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** The server shared by every test of this JVM, started on first use, with bucket {@value #BUCKET}. */
    public static synchronized S3ProxyServer shared() {
        if (shared == null) {
            try {
                S3ProxyServer server = start(Files.createTempDirectory("s3proxy-"));
                server.createBucket(BUCKET);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3proxy-stop"));
                shared = server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** Starts a new server storing under {@code directory}; the caller closes it. */
    public static S3ProxyServer start(Path directory) throws IOException {
        Path jar = jar();
        int port = freePort();
        Path data = Files.createDirectories(directory.resolve("data"));
        Path properties = directory.resolve("s3proxy.properties");
        Files.write(properties, List.of(
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data), StandardCharsets.UTF_8);
        Path log = directory.resolve("s3proxy.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString(), "--properties", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        S3ProxyServer server = new S3ProxyServer(process, directory, port);
        server.awaitReady(log);
        return server;
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Settings for this server with the right credentials. */
    public RegistrySettings settings(String registry) {
        return new RegistrySettings(registry, endpoint(), REGION, new S3Credentials(ACCESS_KEY, SECRET_KEY),
                Duration.ofSeconds(5));
    }

    /** A registry URL in the shared bucket that no other test uses. */
    public static String uniqueRegistry() {
        return "s3://" + BUCKET + "/test-" + UUID.randomUUID();
    }

    public MinioClient client() {
        return MinioClient.builder().endpoint(endpoint()).region(REGION).credentials(ACCESS_KEY, SECRET_KEY).build();
    }

    public void createBucket(String bucket) {
        try {
            MinioClient client = client();
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create bucket " + bucket + " on S3Proxy at " + endpoint(), e);
        }
    }

    private void awaitReady(Path log) throws IOException {
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        MinioClient client = client();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with code " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try {
                client.bucketExists(BucketExistsArgs.builder().bucket("readiness-probe").build());
                return;
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("S3Proxy did not answer on " + endpoint() + " within "
                            + STARTUP_LIMIT.toSeconds() + " s:\n" + Files.readString(log), notYet);
                }
                sleep(100);
            }
        }
    }

    private static Path jar() {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured);
        }
        throw new IllegalStateException("The S3Proxy jar is missing (system property " + JAR_PROPERTY + " = "
                + configured + "). Run the tests through Maven, which copies it to target/s3proxy in the "
                + "process-test-resources phase, or set the property to an s3proxy jar-with-dependencies.");
    }

    /** A loopback port that was free a moment ago; also used by tests as a port nobody listens on. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteRecursively(directory);
    }

    private static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a left-over temporary directory is harmless
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for S3Proxy", e);
        }
    }
}
