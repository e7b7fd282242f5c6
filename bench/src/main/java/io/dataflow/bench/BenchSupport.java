package io.dataflow.bench;

import io.dataflow.core.registry.S3ProxyServer;
import java.nio.file.Path;
import java.util.List;

/** What the benchmarks share: the S3Proxy jar beside the benchmark jar, timing and medians. */
final class BenchSupport {

    private BenchSupport() {}

    /** Points {@link S3ProxyServer} at {@code target/s3proxy/s3proxy.jar} unless a jar was named already. */
    static void locateS3Proxy() throws Exception {
        if (System.getProperty(S3ProxyServer.JAR_PROPERTY) == null) {
            Path jar = Path.of(BenchSupport.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolveSibling("s3proxy").resolve("s3proxy.jar");
            System.setProperty(S3ProxyServer.JAR_PROPERTY, jar.toString());
        }
    }

    static double time(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e9;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    interface Action {
        void run() throws Exception;
    }
}
