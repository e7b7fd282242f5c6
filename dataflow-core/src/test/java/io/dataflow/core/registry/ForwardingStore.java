package io.dataflow.core.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A real store behind a decorator: tests override the operations they observe or disturb. */
public abstract class ForwardingStore implements ObjectStore {

    protected final ObjectStore delegate;

    protected ForwardingStore(ObjectStore delegate) {
        this.delegate = delegate;
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
