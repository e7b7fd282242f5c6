package io.dataflow.core.registry;

import java.nio.file.Path;

class S3AssetRegistryTest extends AssetRegistryContractTest {

    @Override
    protected ObjectStore newStore(Path temp) {
        S3ProxyServer server = S3ProxyServer.shared();
        return ObjectStores.open(server.settings(S3ProxyServer.uniqueRegistry()));
    }
}
