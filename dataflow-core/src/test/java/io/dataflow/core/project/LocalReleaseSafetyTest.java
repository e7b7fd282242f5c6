package io.dataflow.core.project;

import io.dataflow.core.registry.LocalObjectStore;
import io.dataflow.core.registry.ObjectStore;
import java.nio.file.Path;

class LocalReleaseSafetyTest extends ReleaseSafetyContractTest {

    @Override
    ObjectStore newStore(Path scratch) {
        return new LocalObjectStore(scratch);
    }
}
