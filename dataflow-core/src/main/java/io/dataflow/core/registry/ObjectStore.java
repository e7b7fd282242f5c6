package io.dataflow.core.registry;

import io.dataflow.core.InvalidInputException;
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
 * Every write is verified before it returns: records are read back, file contents and copies are checked
 * against the digest the caller expects, so nothing above this interface can make unverified bytes visible.
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * Largest payload {@link #createIfAbsent} accepts. S3 clients send bigger payloads as multipart uploads,
     * and conditional headers do not survive those, so larger records could silently overwrite each other.
     */
    int MAX_RECORD_SIZE = 5 * 1024 * 1024;

    /** The registry root as users configure it, e.g. {@code file:///home/u/.dataflow/registry} or {@code s3://bucket/prefix}. */
    String root();

    /** The concrete, human-readable location of a key, e.g. {@code s3://bucket/prefix/jars/...}. */
    String locationOf(String key);

    /**
     * Atomically creates {@code key} holding {@code content} unless it exists, then confirms that the stored
     * object holds exactly {@code content} before answering. A caller that must know whether it won a race
     * puts a nonce into {@code content}: two writers of identical bytes cannot be told apart.
     *
     * @return {@code true} when this call created the key, {@code false} when it already existed
     * @throws InvalidInputException when {@code content} is larger than {@link #MAX_RECORD_SIZE}
     */
    boolean createIfAbsent(String key, byte[] content);

    /**
     * Stores a possibly large file under a key that nobody else writes (its name was allocated first). The
     * stored bytes are verified against {@code expected} (the digest computed when the caller decided to store
     * the file), so a file that changed in between, or bytes damaged on the way, fail the call.
     */
    void putFile(String key, Path file, FileDigest expected);

    /**
     * Copies an existing object to a new key without sending its bytes from this machine when possible, and
     * verifies the copy's size and checksum against {@code expected} before returning.
     */
    void copy(String sourceKey, String targetKey, FileDigest expected);

    /** The content of a key, or empty when it does not exist. */
    Optional<byte[]> read(String key);

    /** Writes the object's bytes to {@code target}, replacing it. */
    void download(String key, Path target);

    boolean exists(String key);

    /**
     * What the first write to this store would check before writing, when that check has not been done yet (an S3
     * endpoint's conditional writes), said for {@code dataflow:plan}, which writes nothing and so does not check.
     */
    default Optional<String> firstWriteCheck() {
        return Optional.empty();
    }

    /** Every key below {@code prefix} (recursively), in lexicographic order. */
    default List<String> list(String prefix) {
        return listObjects(prefix).stream().map(StoredObject::key).toList();
    }

    /** Every object below {@code prefix} (recursively) with its size and time, in lexicographic key order. */
    List<StoredObject> listObjects(String prefix);

    /** Removes a key; nothing happens when it does not exist. Only registry repair removes anything. */
    void delete(String key);

    /**
     * What interrupted writes left behind outside any key: temporary files of a local registry, incomplete
     * multipart uploads of an S3 registry. Invisible to every reader; {@link #remove} discards one.
     */
    List<Leftover> leftovers();

    void remove(Leftover leftover);

    /** Bytes of asset content sent to the store by this instance so far; deploy logs report it. */
    long bytesSent();

    @Override
    void close();

    /** The one size rule of {@link #createIfAbsent}, shared by every backend. */
    static void requireRecordSize(String location, byte[] content) {
        if (content.length > MAX_RECORD_SIZE) {
            throw new InvalidInputException("Registry record " + location + " would be " + content.length
                    + " bytes; records are written with a create-if-absent request, which must be a single-part "
                    + "upload of at most " + MAX_RECORD_SIZE + " bytes (S3 clients drop the If-None-Match header "
                    + "on multipart uploads). Make the workflow smaller, e.g. split it into subworkflows.");
        }
    }
}
