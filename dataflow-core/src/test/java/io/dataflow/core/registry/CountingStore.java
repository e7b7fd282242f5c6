package io.dataflow.core.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the requests a store would send: one per operation, and one per page of 1,000 keys for a listing (the
 * S3 page size), so that a listing that grows with the registry shows as growing cost. Also adds up the time spent
 * in each kind of operation.
 */
public final class CountingStore extends ForwardingStore {

    /** Keys per page of an S3 listing. */
    static final int PAGE = 1_000;

    private final Map<String, AtomicLong> counts = new TreeMap<>();
    private final Map<String, AtomicLong> nanos = new TreeMap<>();

    public CountingStore(ObjectStore delegate) {
        super(delegate);
    }

    private void count(String operation, long requests, long startNanos) {
        synchronized (counts) {
            counts.computeIfAbsent(operation, name -> new AtomicLong()).addAndGet(requests);
            nanos.computeIfAbsent(operation, name -> new AtomicLong()).addAndGet(System.nanoTime() - startNanos);
        }
    }

    /** Milliseconds spent in each kind of operation (summed over threads). */
    public Map<String, Double> millis() {
        synchronized (counts) {
            Map<String, Double> copy = new TreeMap<>();
            nanos.forEach((operation, value) -> copy.put(operation, value.get() / 1e6));
            return copy;
        }
    }

    /** Requests by operation ({@code GET}, {@code HEAD}, {@code PUT}, {@code COPY}, {@code LIST}). */
    public Map<String, Long> counts() {
        synchronized (counts) {
            Map<String, Long> copy = new TreeMap<>();
            counts.forEach((operation, count) -> copy.put(operation, count.get()));
            return copy;
        }
    }

    public long total() {
        return counts().values().stream().mapToLong(Long::longValue).sum();
    }

    public void reset() {
        synchronized (counts) {
            counts.clear();
            nanos.clear();
        }
    }

    @Override
    public boolean createIfAbsent(String key, byte[] content) {
        long start = System.nanoTime();
        try {
            return delegate.createIfAbsent(key, content);
        } finally {
            count("PUT", 1, start);
        }
    }

    @Override
    public void putFile(String key, Path file, FileDigest expected) {
        long start = System.nanoTime();
        delegate.putFile(key, file, expected);
        count("PUT", 1, start);
    }

    @Override
    public void copy(String sourceKey, String targetKey, FileDigest expected) {
        long start = System.nanoTime();
        delegate.copy(sourceKey, targetKey, expected);
        count("COPY", 1, start);
    }

    @Override
    public Optional<byte[]> read(String key) {
        long start = System.nanoTime();
        try {
            return delegate.read(key);
        } finally {
            count("GET", 1, start);
        }
    }

    @Override
    public void download(String key, Path target) {
        long start = System.nanoTime();
        delegate.download(key, target);
        count("GET", 1, start);
    }

    @Override
    public boolean exists(String key) {
        long start = System.nanoTime();
        try {
            return delegate.exists(key);
        } finally {
            count("HEAD", 1, start);
        }
    }

    @Override
    public List<String> list(String prefix) {
        long start = System.nanoTime();
        List<String> keys = delegate.list(prefix);
        count("LIST", Math.max(1, (keys.size() + PAGE - 1) / PAGE), start);
        return keys;
    }

    @Override
    public void close() {
        // the delegate belongs to the caller
    }
}
