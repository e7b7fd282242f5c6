package io.dataflow.core.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The storage primitives a registry backend provides. Keys are '/'-separated relative paths such as
 * {@code jars/ns/owner/repo/main/0123abcd/1.jar}. Everything above this interface (build numbers,
 * visibility, dedupe, versions) is written once, in terms of these operations.
 *
 * <p>Nothing is ever edited in place: unique things are allocated by {@link #createIfAbsent}, which must
 * be atomic (exactly one of several racing callers wins), so a crash can only leave unreferenced garbage.
 */
public interface ObjectStore extends AutoCloseable {

    /** The registry root as users configure it, e.g. {@code file:///home/u/.dataflow/registry} or {@code s3://bucket/prefix}. */
    String root();

    /** The concrete, human-readable location of a key, e.g. {@code s3://bucket/prefix/jars/...}. */
    String locationOf(String key);

    /**
     * Atomically creates {@code key} holding {@code content} unless it exists. Content must be small
     * (below any multipart threshold).
     *
     * @return {@code true} when this call created the key, {@code false} when it already existed
     */
    boolean createIfAbsent(String key, byte[] content);

    /** Stores a possibly large file under a key that nobody else writes (its name was allocated first). */
    void putFile(String key, Path file);

    /** Copies an existing object to a new key without sending its bytes from this machine when possible. */
    void copy(String sourceKey, String targetKey);

    /** The content of a key, or empty when it does not exist. */
    Optional<byte[]> read(String key);

    /** Writes the object's bytes to {@code target}, replacing it. */
    void download(String key, Path target);

    boolean exists(String key);

    /** Every key below {@code prefix} (recursively), in lexicographic order. */
    List<String> list(String prefix);

    /** Bytes of asset content sent to the store by this instance so far; deploy logs report it. */
    long bytesSent();

    @Override
    void close();
}
