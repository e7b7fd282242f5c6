package io.dataflow.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.contract.run.RunPlan;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.registry.S3Credentials;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunCatalogTest {

    @Test
    void theDefaultIsTheHadoopCatalogInTheLocalWarehouse() {
        RunRequest request = RunRequest.of("sales.daily");

        assertThat(request.catalog().isHadoop()).isTrue();
        assertThat(request.catalog().properties()).isEmpty();
        assertThat(request.warehouse()).isEqualTo(RunPlan.defaultWarehouse().toString());
        assertThat(request.catalog().environment(new S3Credentials("AKIA1", "secret-1"))).isEmpty();
    }

    @Test
    void theHadoopCatalogIsRefusedOnObjectStorageBeforeAnythingRuns() {
        for (String warehouse : new String[] {"s3://lake/warehouse", "S3A://lake/wh", "gs://lake/wh", "abfss://c@a/wh"}) {
            assertThatThrownBy(() -> new RunRequest("sales.daily", null, null, null, warehouse, null, null, null, null,
                    null, null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("dataflow.warehouse")
                    .hasMessageContaining("does not do atomically")
                    .hasMessageContaining("Set dataflow.catalog.uri to a REST catalog");
        }
        // Storage with atomic renames is what the Hadoop catalog was made for.
        for (String warehouse : new String[] {"/data/wh", "file:///data/wh", "hdfs://nn:8020/wh", "relative/wh"}) {
            assertThat(new RunRequest("sales.daily", null, null, null, warehouse, null, null, null, null, null, null)
                    .warehouse()).isEqualTo(warehouse);
        }
    }

    @Test
    void aRestCatalogOnS3GetsTheRegistrysEndpointAndRegionButNeverTheKeys() {
        RunCatalog catalog = new RunCatalog(" http://127.0.0.1:8181 ", "http://127.0.0.1:9000", null);
        RunRequest request = RunRequest.of("sales.daily").withCatalog(catalog);

        assertThat(catalog.properties()).containsExactly(Map.entry("type", "rest"),
                Map.entry("uri", "http://127.0.0.1:8181"), Map.entry("s3.endpoint", "http://127.0.0.1:9000"),
                Map.entry("s3.path-style-access", "true"), Map.entry("client.region", "us-east-1"));
        assertThat(new RunCatalog("https://catalog", null, "eu-west-1").properties())
                .containsEntry("client.region", "eu-west-1").doesNotContainKey("s3.endpoint");
        assertThat(catalog.environment(new S3Credentials("AKIA1", "secret-1")))
                .isEqualTo(Map.of("AWS_ACCESS_KEY_ID", "AKIA1", "AWS_SECRET_ACCESS_KEY", "secret-1"));
        assertThat(catalog.environment(null)).isEmpty();
        // The REST catalog chooses the warehouse unless one is set; an s3:// one is fine there.
        assertThat(new RunRequest("sales.daily", null, null, null, null, null, null, null, null, null, catalog)
                .warehouse()).isNull();
        assertThat(new RunRequest("sales.daily", null, null, null, "s3://lake/wh", null, null, null, null, null,
                catalog).warehouse()).isEqualTo("s3://lake/wh");
        assertThat(request.catalog()).isEqualTo(catalog);
    }

    @Test
    void aCatalogUriWithCredentialsIsRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> new RunCatalog("http://admin:hunter2@catalog:8181", null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dataflow.catalog.uri")
                .hasMessageContaining("credentials do not belong in the URI")
                .hasMessageNotContaining("hunter2").hasMessageNotContaining("admin");
    }

    @Test
    void aCatalogUriMustBeHttp() {
        assertThatThrownBy(() -> new RunCatalog("thrift://metastore:9083", null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid dataflow.catalog.uri 'thrift://metastore:9083': a REST catalog is reached over"
                        + " http:// or https://. Give the URI of an Iceberg REST catalog, e.g. http://127.0.0.1:8181.");
        assertThatThrownBy(() -> new RunCatalog("http:///v1", null, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("it names no host");
    }
}
