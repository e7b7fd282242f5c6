package io.dataflow.bench;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.registry.AssetDeployRequest;
import io.dataflow.core.registry.AssetDeployment;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.registry.S3ProxyServer;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Deploy speed against a same-run baseline: a plain MinIO {@code putObject} of the file, a cold
 * {@link AssetRegistry#deploy} of it, and an unchanged redeploy, all on one local S3Proxy process.
 *
 * <p>Usage: {@code java -jar bench/target/dataflow-bench.jar [sizeMiB=64] [rounds=3]}. Each round uses a fresh
 * registry prefix (so the cold deploy cannot reuse bytes from an earlier round); one untimed warm-up round
 * comes first; the medians are reported.
 */
public final class RegistryBenchmark {

    private static final String COMMIT = "39206ee8c0ffee00112233445566778899aabbcc";

    private RegistryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int sizeMiB = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        BenchSupport.locateS3Proxy();
        Path work = Files.createTempDirectory("dataflow-bench-");
        Path file = randomFile(work.resolve("asset.jar"), sizeMiB);
        long size = Files.size(file);
        System.out.printf(Locale.ROOT, "File: %d MiB of random bytes; %d timed rounds after one warm-up.%n",
                sizeMiB, rounds);

        try (S3ProxyServer server = S3ProxyServer.start(work.resolve("s3proxy"))) {
            server.createBucket(S3ProxyServer.BUCKET);
            MinioClient raw = server.client();
            List<Double> rawTimes = new ArrayList<>();
            List<Double> coldTimes = new ArrayList<>();
            List<Double> unchangedTimes = new ArrayList<>();
            long coldBytes = 0;
            long unchangedBytes = 0;
            for (int round = 0; round <= rounds; round++) {
                boolean timed = round > 0;
                double rawSeconds = BenchSupport.time(() -> {
                    try (InputStream in = Files.newInputStream(file)) {
                        raw.putObject(PutObjectArgs.builder().bucket(S3ProxyServer.BUCKET)
                                .object("raw/" + System.nanoTime() + ".jar").stream(in, size, -1).build());
                    }
                });
                String registry = "s3://" + S3ProxyServer.BUCKET + "/bench-" + round;
                try (ObjectStore store = ObjectStores.open(server.settings(registry))) {
                    AssetDeployment[] cold = new AssetDeployment[1];
                    double coldSeconds = BenchSupport.time(() -> cold[0] = deploy(store, file));
                    // A new registry instance, as in the next 'mvn deploy'.
                    AssetDeployment[] again = new AssetDeployment[1];
                    double unchangedSeconds = BenchSupport.time(() -> again[0] = deploy(store, file));
                    if (cold[0].unchanged() || !again[0].unchanged()) {
                        throw new IllegalStateException("Unexpected deploy outcome: " + cold[0] + " / " + again[0]);
                    }
                    if (timed) {
                        rawTimes.add(rawSeconds);
                        coldTimes.add(coldSeconds);
                        unchangedTimes.add(unchangedSeconds);
                        coldBytes = cold[0].bytesSent();
                        unchangedBytes = again[0].bytesSent();
                        System.out.printf(Locale.ROOT, "round %d: raw put %.3f s, cold deploy %.3f s, unchanged %.3f s%n",
                                round, rawSeconds, coldSeconds, unchangedSeconds);
                    }
                }
            }
            double rawMedian = BenchSupport.median(rawTimes);
            double coldMedian = BenchSupport.median(coldTimes);
            double unchangedMedian = BenchSupport.median(unchangedTimes);
            System.out.printf(Locale.ROOT, "raw MinIO putObject : %.3f s (%.1f MB/s), %d bytes sent%n",
                    rawMedian, size / rawMedian / 1e6, size);
            System.out.printf(Locale.ROOT, "cold deploy         : %.3f s (%.1f MB/s), %d bytes sent%n",
                    coldMedian, size / coldMedian / 1e6, coldBytes);
            System.out.printf(Locale.ROOT, "unchanged redeploy  : %.3f s, %d bytes sent%n", unchangedMedian, unchangedBytes);
            System.out.printf(Locale.ROOT, "ratio cold/raw      : %.2f (target <= 1.15)%n", coldMedian / rawMedian);
            System.out.printf(Locale.ROOT, "ratio unchanged/cold: %.3f (target <= 0.10)%n", unchangedMedian / coldMedian);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static AssetDeployment deploy(ObjectStore store, Path file) {
        GitState git = new GitState(file.getParent(), "bench", "bench", "main", COMMIT, false, null, "main");
        return new AssetRegistry(store, DataflowLog.SILENT)
                .deploy(new AssetDeployRequest(AssetType.JAR, "bench", git, file, null, false));
    }

    private static Path randomFile(Path file, int sizeMiB) throws Exception {
        Random random = new Random(42);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < sizeMiB; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        return file;
    }
}
