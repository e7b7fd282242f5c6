package io.dataflow.core.release;

import io.dataflow.core.EnvironmentException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Small registry reads several at a time: on S3 each costs a round trip, and latency dominates. */
final class Parallel {

    private static final int THREADS = 8;

    private Parallel() {}

    /** {@code function} applied to every item, results in the items' order; the first failure is rethrown. */
    static <T, R> List<R> map(List<T> items, Function<T, R> function) {
        if (items.size() <= 1) {
            return items.stream().map(function).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, items.size()), runnable -> {
            Thread thread = new Thread(runnable, "dataflow-registry-read");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<R>> pending = new ArrayList<>();
            for (T item : items) {
                pending.add(pool.submit(() -> function.apply(item)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> future : pending) {
                results.add(await(future));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R await(Future<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while reading the registry.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new EnvironmentException("Cannot read the registry: " + e.getCause(), e.getCause());
        }
    }
}
