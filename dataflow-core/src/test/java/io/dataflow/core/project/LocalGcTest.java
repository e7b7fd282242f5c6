package io.dataflow.core.project;

import io.dataflow.core.registry.LocalObjectStore;
import io.dataflow.core.registry.ObjectStore;
import java.nio.file.Path;

/** The gc contract against a local registry directory. */
class LocalGcTest extends GcContractTest {

    @Override
    ObjectStore newStore(Path scratch) {
        return new LocalObjectStore(scratch);
    }
}
