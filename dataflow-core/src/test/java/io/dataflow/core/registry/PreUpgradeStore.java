package io.dataflow.core.registry;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A registry as an older Dataflow, or a crash, left it: creations of the chosen keys report success but store
 * nothing, and those keys are invisible to this view (e.g. {@code owners/} records that older versions neither wrote
 * nor read, or a marker whose writer died).
 */
public final class PreUpgradeStore extends ForwardingStore {

    /** Keys a version of Dataflow without ownership records and without the checkpointed activation log wrote none of. */
    public static final Predicate<String> NEWER_RECORDS = key -> key.startsWith("owners/")
            || key.startsWith("activations/");

    private final Predicate<String> dropped;

    public PreUpgradeStore(ObjectStore delegate, Predicate<String> dropped) {
        super(delegate);
        this.dropped = dropped;
    }

    @Override
    public boolean createIfAbsent(String key, byte[] content) {
        return dropped.test(key) || delegate.createIfAbsent(key, content);
    }

    /** Such a writer never reads the keys it does not know about either. */
    @Override
    public Optional<byte[]> read(String key) {
        return dropped.test(key) ? Optional.empty() : delegate.read(key);
    }

    @Override
    public boolean exists(String key) {
        return !dropped.test(key) && delegate.exists(key);
    }

    @Override
    public List<String> list(String prefix) {
        return delegate.list(prefix).stream().filter(key -> !dropped.test(key)).toList();
    }

    @Override
    public void close() {
        // the delegate belongs to the test
    }
}
