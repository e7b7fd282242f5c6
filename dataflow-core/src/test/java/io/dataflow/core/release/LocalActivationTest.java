package io.dataflow.core.release;

import io.dataflow.core.registry.LocalObjectStore;
import io.dataflow.core.registry.ObjectStore;
import java.nio.file.Path;

class LocalActivationTest extends ActivationContractTest {

    @Override
    ObjectStore newStore(Path scratch) {
        return new LocalObjectStore(scratch);
    }
}
