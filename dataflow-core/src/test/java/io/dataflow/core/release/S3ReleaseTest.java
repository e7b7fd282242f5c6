package io.dataflow.core.release;

import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.registry.S3ProxyServer;
import java.nio.file.Path;

/** The release contract against a real S3 server (S3Proxy process), in a registry prefix of its own per test. */
class S3ReleaseTest extends ReleaseContractTest {

    @Override
    ObjectStore newStore(Path scratch) {
        S3ProxyServer server = S3ProxyServer.shared();
        return ObjectStores.open(server.settings(S3ProxyServer.uniqueRegistry()));
    }
}
