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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one launcher of a real S3 server for tests and ITs: S3Proxy in its own JVM, on a free loopback port, checking
 * SigV4 signatures, storing into {@code <directory>/data/<bucket>/<key>}. Separate-process so that its
 * Jetty/Guava/Jackson stay off our class path. The process id is kept in {@code <directory>/pid}, so that a script
 * that did not start the server (an IT's verify.groovy) can {@link #stop(Path) stop} it; a shutdown hook stops it
 * when the starting JVM exits.
 *
 * <p>Unit tests normally use {@link #shared()}: one server per test JVM. The jar comes from the system property
 * {@value #JAR_PROPERTY}, which the dataflow-core pom sets after copying it with maven-dependency-plugin; ITs pass
 * it and their own credentials to {@link #start(Path, Path, String, String, Duration)}.
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
    private final String accessKey;
    private final String secretKey;

    private S3ProxyServer(Process process, Path directory, int port, String accessKey, String secretKey) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
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

    /** Starts a new server with the test credentials, storing under {@code directory}; the caller closes it. */
    public static S3ProxyServer start(Path directory) throws IOException {
        return start(directory, jar(), ACCESS_KEY, SECRET_KEY, null);
    }

    /**
     * Starts a new server storing under {@code directory}; the caller closes or {@link #stop(Path) stops} it.
     *
     * @param lifetime the longest the server may run (it is started under {@code timeout}, so that a failed IT can
     *     never leave it behind); {@code null}: as long as the starting JVM
     */
    public static S3ProxyServer start(Path directory, Path jar, String accessKey, String secretKey, Duration lifetime)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Proxy jar " + jar + " is missing; the build copies it to target/s3proxy"
                    + " with maven-dependency-plugin.");
        }
        int port = freePort();
        Path data = Files.createDirectories(directory.resolve("data"));
        Path properties = directory.resolve("s3proxy.properties");
        Files.write(properties, List.of(
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + accessKey,
                "s3proxy.credential=" + secretKey,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data), StandardCharsets.UTF_8);
        Path log = directory.resolve("s3proxy.log");
        List<String> command = new ArrayList<>();
        if (lifetime != null) {
            command.addAll(List.of("timeout", "--kill-after=10", String.valueOf(lifetime.toSeconds())));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
                jar.toString(), "--properties", properties.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Files.writeString(directory.resolve("pid"), String.valueOf(process.pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process.toHandle()), "s3proxy-stop"));
        S3ProxyServer server = new S3ProxyServer(process, directory, port, accessKey, secretKey);
        server.awaitReady(log);
        return server;
    }

    /** Stops the server started in {@code directory}, if it still runs; its data stays. */
    public static void stop(Path directory) throws IOException {
        Path pid = directory.resolve("pid");
        if (Files.isRegularFile(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(S3ProxyServer::stop);
        }
    }

    /** Where the server started in {@code directory} keeps {@code key} of {@code bucket}. */
    public static Path object(Path directory, String bucket, String key) {
        return directory.resolve("data").resolve(bucket).resolve(key);
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Settings for this server with the right credentials. */
    public RegistrySettings settings(String registry) {
        return new RegistrySettings(registry, endpoint(), REGION, new S3Credentials(accessKey, secretKey),
                Duration.ofSeconds(5));
    }

    /** A registry URL in the shared bucket that no other test uses. */
    public static String uniqueRegistry() {
        return "s3://" + BUCKET + "/test-" + UUID.randomUUID();
    }

    public MinioClient client() {
        return MinioClient.builder().endpoint(endpoint()).region(REGION).credentials(accessKey, secretKey).build();
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

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        stop(process.toHandle());
        deleteRecursively(directory);
    }

    /** Stops a process and its descendants ({@code timeout} forwards the signal to java; this does not rely on it). */
    private static void stop(ProcessHandle process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process);
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                handle.destroyForcibly();
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                handle.destroyForcibly();
            }
        }
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
