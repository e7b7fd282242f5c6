package io.dataflow.core.release;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.registry.FileDigest;
import io.dataflow.core.registry.Leftover;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.StoredObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** A real store that fails the creation of chosen keys, to simulate a release dying part-way. */
final class FaultInjectingStore implements ObjectStore {

    private final ObjectStore delegate;
    private final Predicate<String> failingKeys;

    FaultInjectingStore(ObjectStore delegate, Predicate<String> failingKeys) {
        this.delegate = delegate;
        this.failingKeys = failingKeys;
    }

    @Override
    public String root() {
        return delegate.root();
    }

    @Override
    public String locationOf(String key) {
        return delegate.locationOf(key);
    }

    @Override
    public boolean createIfAbsent(String key, byte[] content) {
        if (failingKeys.test(key)) {
            throw new EnvironmentException("Injected failure writing " + key);
        }
        return delegate.createIfAbsent(key, content);
    }

    @Override
    public void putFile(String key, Path file, FileDigest expected) {
        delegate.putFile(key, file, expected);
    }

    @Override
    public void copy(String sourceKey, String targetKey, FileDigest expected) {
        delegate.copy(sourceKey, targetKey, expected);
    }

    @Override
    public Optional<byte[]> read(String key) {
        return delegate.read(key);
    }

    @Override
    public void download(String key, Path target) {
        delegate.download(key, target);
    }

    @Override
    public boolean exists(String key) {
        return delegate.exists(key);
    }

    @Override
    public List<String> list(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    public List<StoredObject> listObjects(String prefix) {
        return delegate.listObjects(prefix);
    }

    @Override
    public void delete(String key) {
        delegate.delete(key);
    }

    @Override
    public List<Leftover> leftovers() {
        return delegate.leftovers();
    }

    @Override
    public void remove(Leftover leftover) {
        delegate.remove(leftover);
    }

    @Override
    public long bytesSent() {
        return delegate.bytesSent();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
