package io.dataflow.core.release;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.registry.ForwardingStore;
import io.dataflow.core.registry.ObjectStore;
import java.util.function.Predicate;

/** A real store that fails the creation of chosen keys, to simulate a release dying part-way. */
final class FaultInjectingStore extends ForwardingStore {

    private final Predicate<String> failingKeys;

    FaultInjectingStore(ObjectStore delegate, Predicate<String> failingKeys) {
        super(delegate);
        this.failingKeys = failingKeys;
    }

    @Override
    public boolean createIfAbsent(String key, byte[] content) {
        if (failingKeys.test(key)) {
            throw new EnvironmentException("Injected failure writing " + key);
        }
        return delegate.createIfAbsent(key, content);
    }
}
