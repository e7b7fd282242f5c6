package io.dataflow.core.project;

import io.dataflow.core.registry.LocalObjectStore;
import io.dataflow.core.registry.ObjectStore;
import java.nio.file.Path;
import java.util.Map;

/** Plans against a local registry, whose whole directory tree must stay byte-identical. */
class LocalDeployPlanTest extends DeployPlanContractTest {

    private Path registry;

    @Override
    ObjectStore newStore(Path scratch) {
        registry = scratch;
        return new LocalObjectStore(scratch);
    }

    @Override
    Map<String, String> registryTree() {
        return ProjectFixture.snapshot(registry);
    }
}
