package io.dataflow.core.project;

import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.registry.S3ProxyServer;
import java.nio.file.Path;

/** The gc contract against a real S3 server (S3Proxy process), in a registry prefix of its own per test. */
class S3GcTest extends GcContractTest {

    @Override
    ObjectStore newStore(Path scratch) {
        return ObjectStores.open(S3ProxyServer.shared().settings(S3ProxyServer.uniqueRegistry()));
    }
}
