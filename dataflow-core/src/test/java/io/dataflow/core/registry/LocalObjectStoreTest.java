package io.dataflow.core.registry;

import java.nio.file.Path;

class LocalObjectStoreTest extends ObjectStoreContractTest {

    @Override
    protected ObjectStore newStore(Path temp) {
        return new LocalObjectStore(temp.resolve("registry"));
    }
}
