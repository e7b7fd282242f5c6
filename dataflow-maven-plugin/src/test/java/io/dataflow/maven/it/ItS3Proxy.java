package io.dataflow.maven.it;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 server for the S3 invoker ITs: S3Proxy in its own process on a free loopback port, checking SigV4
 * signatures, storing into {@code <it dir>/s3proxy/data}. setup.groovy starts it and verify.groovy stops it;
 * the two scripts share nothing but files, so the process id is kept in {@code s3proxy/pid}.
 *
 * <p>The server can never outlive the IT run: it is started under {@code timeout} (a hard limit), and a shutdown
 * hook of the invoking JVM stops it even when the build fails and verify.groovy never runs.
 */
public final class ItS3Proxy {

    public static final String BUCKET = "dataflow-it";
    public static final String REGION = "us-east-1";
    /** The longest an IT may use the server; far beyond a normal run, short enough not to leak a process. */
    private static final int LIFETIME_SECONDS = 900;

    private ItS3Proxy() {}

    /**
     * Starts S3Proxy with the credentials of the ITs' settings.xml server {@code dataflow} and creates
     * {@value #BUCKET}.
     *
     * @return the endpoint, {@code http://127.0.0.1:<port>}
     */
    public static String start(File itDir, File s3proxyJar, String accessKey, String secretKey) throws Exception {
        if (!s3proxyJar.isFile()) {
            throw new IllegalStateException("S3Proxy jar " + s3proxyJar + " is missing; the plugin's pom copies it "
                    + "to target/s3proxy in the pre-integration-test phase.");
        }
        Path dir = Files.createDirectories(itDir.toPath().resolve("s3proxy"));
        Path data = Files.createDirectories(dir.resolve("data"));
        int port = freePort();
        String endpoint = "http://127.0.0.1:" + port;
        Path properties = dir.resolve("s3proxy.properties");
        Files.write(properties, List.of("s3proxy.endpoint=" + endpoint, "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + accessKey, "s3proxy.credential=" + secretKey, "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder("timeout", "--kill-after=10", String.valueOf(LIFETIME_SECONDS),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                s3proxyJar.getAbsolutePath(), "--properties", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy.log").toFile())
                .start();
        Files.writeString(dir.resolve("pid"), String.valueOf(process.pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process.toHandle()), "it-s3proxy-stop"));
        MinioClient client = MinioClient.builder().endpoint(endpoint).region(REGION).credentials(accessKey, secretKey)
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
            }
            try {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(BUCKET).build())) {
                    client.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
                }
                return endpoint;
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline) {
                    stop(process.toHandle());
                    throw new IllegalStateException("S3Proxy did not answer on " + endpoint + " within 60 s", notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Stops the server started for {@code itDir}, if it still runs. */
    public static void stop(File itDir) throws IOException {
        Path pid = itDir.toPath().resolve("s3proxy/pid");
        if (Files.isRegularFile(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(ItS3Proxy::stop);
        }
    }

    /** Where the filesystem backend keeps {@code key} of {@value #BUCKET}. */
    public static File object(File itDir, String key) {
        return itDir.toPath().resolve("s3proxy/data").resolve(BUCKET).resolve(key).toFile();
    }

    private static void stop(ProcessHandle process) {
        // 'timeout' forwards the signal to java; the descendants are stopped too in case it does not.
        List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
        all.add(process);
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            Optional.of(handle).filter(ProcessHandle::isAlive).ifPresent(alive -> {
                try {
                    alive.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    alive.destroyForcibly();
                }
            });
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
