package io.dataflow.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectStoresTest {

    @TempDir
    Path temp;

    @Test
    void blankRegistryMeansTheLocalDirectoryInTheUsersHome() {
        String home = System.getProperty("user.home");
        System.setProperty("user.home", temp.toString());
        try (ObjectStore store = ObjectStores.open(new RegistrySettings("  ", null, null, null, null))) {
            assertThat(store).isInstanceOf(LocalObjectStore.class);
            assertThat(((LocalObjectStore) store).rootDirectory()).isEqualTo(temp.resolve(".dataflow/registry"));
            assertThat(ObjectStores.defaultLocalRegistry()).isEqualTo(temp.resolve(".dataflow/registry"));
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @Test
    void fileUrlOpensThatDirectory() {
        try (ObjectStore store = ObjectStores.open(RegistrySettings.defaults().withRegistry(temp.resolve("reg").toUri().toString()))) {
            assertThat(((LocalObjectStore) store).rootDirectory()).isEqualTo(temp.resolve("reg"));
            assertThat(store.root()).startsWith("file:///");
        }
    }

    @Test
    void s3UrlOpensTheBucketUnderThePrefixWithoutContactingIt() {
        RegistrySettings settings = new RegistrySettings("s3://dataflow-bucket/team/registry/", "http://127.0.0.1:1",
                "us-east-1", new S3Credentials("access", "top-secret-value"), null);
        try (ObjectStore store = ObjectStores.open(settings)) {
            assertThat(store).isInstanceOf(S3ObjectStore.class);
            assertThat(store.root()).isEqualTo("s3://dataflow-bucket/team/registry");
            assertThat(store.locationOf("jars/a/1.jar")).isEqualTo("s3://dataflow-bucket/team/registry/jars/a/1.jar");
            assertThat(store.toString()).doesNotContain("top-secret-value");
        }
        assertThat(settings.toString()).doesNotContain("top-secret-value").contains("access");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/plain/path", "http://example.com/registry", "s3://", "s3://Upper_Case/x",
            "s3://ab", "s3://bucket:9000/x", "s3://bucket/a/../b", "s3://bucket/x?y=1", "file://host/dir",
            "file:relative", "gs://bucket/x", "s3://bucket/a b"})
    void malformedRegistryValuesNameThePropertyAndTheAcceptedForms(String registry) {
        assertThatThrownBy(() -> ObjectStores.open(RegistrySettings.defaults().withRegistry(registry)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dataflow.registry")
                .hasMessageContaining("file:///")
                .hasMessageContaining("s3://bucket/prefix");
    }

    @Test
    void credentialsInTheUrlAreRejectedWithoutEchoingThem() {
        assertThatThrownBy(() -> ObjectStores.open(RegistrySettings.defaults().withRegistry("s3://key:hunter2@bucket/x")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("credentials do not belong in the URL")
                .hasMessageNotContaining("hunter2");
    }
}
