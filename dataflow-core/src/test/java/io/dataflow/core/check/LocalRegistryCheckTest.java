package io.dataflow.core.check;

import io.dataflow.core.registry.LocalObjectStore;
import io.dataflow.core.registry.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;

class LocalRegistryCheckTest extends RegistryCheckContractTest {

    private Path root;

    @Override
    ObjectStore newStore(Path scratch) {
        root = scratch;
        return new LocalObjectStore(scratch);
    }

    @Override
    void leaveInterruptedWrite() throws Exception {
        Files.writeString(root.resolve(".tmp/0c9d1e.tmp"), "half a jar");
    }
}
