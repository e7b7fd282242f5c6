package io.dataflow.core.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the requests a store would send: one per operation, and one per page of 1,000 keys for a listing (the
 * S3 page size), so that a listing that grows with the registry shows as growing cost.
 */
public final class CountingStore extends ForwardingStore {

    /** Keys per page of an S3 listing. */
    static final int PAGE = 1_000;

    private final Map<String, AtomicLong> counts = new TreeMap<>();

    public CountingStore(ObjectStore delegate) {
        super(delegate);
    }

    private void count(String operation, long requests) {
        synchronized (counts) {
            counts.computeIfAbsent(operation, name -> new AtomicLong()).addAndGet(requests);
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
        }
    }

    @Override
    public boolean createIfAbsent(String key, byte[] content) {
        count("PUT", 1);
        return delegate.createIfAbsent(key, content);
    }

    @Override
    public void putFile(String key, Path file) {
        count("PUT", 1);
        delegate.putFile(key, file);
    }

    @Override
    public void copy(String sourceKey, String targetKey) {
        count("COPY", 1);
        delegate.copy(sourceKey, targetKey);
    }

    @Override
    public Optional<byte[]> read(String key) {
        count("GET", 1);
        return delegate.read(key);
    }

    @Override
    public void download(String key, Path target) {
        count("GET", 1);
        delegate.download(key, target);
    }

    @Override
    public boolean exists(String key) {
        count("HEAD", 1);
        return delegate.exists(key);
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = delegate.list(prefix);
        count("LIST", Math.max(1, (keys.size() + PAGE - 1) / PAGE));
        return keys;
    }

    @Override
    public void close() {
        // the delegate belongs to the caller
    }
}
