package io.dataflow.core.check;

import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.registry.S3ProxyServer;
import io.minio.MinioAsyncClient;
import java.nio.file.Path;

class S3RegistryCheckTest extends RegistryCheckContractTest {

    private String prefix;

    @Override
    ObjectStore newStore(Path scratch) {
        String registry = S3ProxyServer.uniqueRegistry();
        prefix = registry.substring(("s3://" + S3ProxyServer.BUCKET + "/").length());
        return ObjectStores.open(S3ProxyServer.shared().settings(registry));
    }

    @Override
    void leaveInterruptedWrite() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        MinioAsyncClient client = MinioAsyncClient.builder().endpoint(server.endpoint()).region(S3ProxyServer.REGION)
                .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY).build();
        client.createMultipartUploadAsync(S3ProxyServer.BUCKET, null, prefix + "/jars/app/big.jar", null, null).get();
    }
}
