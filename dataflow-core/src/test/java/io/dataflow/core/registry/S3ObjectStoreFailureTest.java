package io.dataflow.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the S3 backend fails: fast, with the right exception type, and never showing a secret. */
class S3ObjectStoreFailureTest {

    private static final String WRONG_SECRET = "wrong-secret-8d7e6f";

    private static S3ProxyServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.shared();
    }

    @Test
    void wrongSecretIsAnInputErrorThatNamesWhereToFixItButNotTheSecret() throws Exception {
        RegistrySettings settings = new RegistrySettings(S3ProxyServer.uniqueRegistry(), server.endpoint(),
                S3ProxyServer.REGION, new S3Credentials(S3ProxyServer.ACCESS_KEY, WRONG_SECRET), null);
        Path jar = Files.write(temp.resolve("app.jar"), new byte[] {1, 2, 3});

        try (ObjectStore store = ObjectStores.open(settings)) {
            Throwable failure = catchThrowable(() -> new AssetRegistry(store, DataflowLog.SILENT)
                    .deploy(new AssetDeployRequest(AssetType.JAR, "app", git(), jar, null, false)));

            assertThat(failure).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("rejected the credentials")
                    .hasMessageContaining(server.endpoint())
                    .hasMessageContaining("dataflow.serverId");
            assertThat(fullTrace(failure)).doesNotContain(WRONG_SECRET).doesNotContain(S3ProxyServer.SECRET_KEY);
            assertThat(store.toString()).doesNotContain(WRONG_SECRET);
        }
    }

    @Test
    void unknownAccessKeyIsAnInputError() {
        RegistrySettings settings = new RegistrySettings(S3ProxyServer.uniqueRegistry(), server.endpoint(),
                S3ProxyServer.REGION, new S3Credentials("nobody", WRONG_SECRET), null);
        try (ObjectStore store = ObjectStores.open(settings)) {
            Throwable failure = catchThrowable(() -> store.list("jars/"));
            assertThat(failure).isInstanceOf(InvalidInputException.class).hasMessageContaining("rejected the credentials");
            assertThat(fullTrace(failure)).doesNotContain(WRONG_SECRET);
        }
    }

    @Test
    void unreachableEndpointFailsWithinSeconds() throws Exception {
        String closedPort = "http://127.0.0.1:" + S3ProxyServer.freePort();
        RegistrySettings settings = new RegistrySettings("s3://dataflow-test/x", closedPort, S3ProxyServer.REGION,
                new S3Credentials("a", WRONG_SECRET), Duration.ofSeconds(2));
        long start = System.nanoTime();
        try (ObjectStore store = ObjectStores.open(settings)) {
            assertThatThrownBy(() -> store.createIfAbsent("a/b", new byte[] {1}))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining(closedPort)
                    .hasMessageContaining("unreachable")
                    .hasMessageContaining("dataflow.s3.endpoint");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void missingBucketNamesTheBucketAndHowToCreateIt() {
        try (ObjectStore store = ObjectStores.open(server.settings("s3://no-such-bucket-here/x"))) {
            assertThatThrownBy(() -> store.list("jars/"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("Bucket 'no-such-bucket-here'")
                    .hasMessageContaining("does not exist")
                    .hasMessageContaining("mb s3://no-such-bucket-here");
            assertThatThrownBy(((S3ObjectStore) store)::verifyBucket).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void noCredentialsAnywhereIsAnInputErrorSayingWhereTheyAreLookedFor() throws Exception {
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_ACCESS_KEY") == null
                        && System.getenv("AWS_SHARED_CREDENTIALS_FILE") == null,
                "AWS credentials are set in this environment, so the 'no credentials' case cannot be reproduced");
        String home = System.getProperty("user.home");
        System.setProperty("user.home", temp.toString()); // no ~/.aws/credentials there
        try {
            RegistrySettings settings = new RegistrySettings("s3://dataflow-test/x", server.endpoint(),
                    S3ProxyServer.REGION, null, null);
            assertThatThrownBy(() -> ObjectStores.open(settings))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("No S3 credentials")
                    .hasMessageContaining("dataflow.serverId")
                    .hasMessageContaining("AWS_ACCESS_KEY_ID");
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @Test
    void malformedEndpointIsAnInputErrorNamingTheProperty() {
        RegistrySettings settings = new RegistrySettings("s3://dataflow-test/x", "not a url", null,
                new S3Credentials("a", WRONG_SECRET), null);
        assertThatThrownBy(() -> ObjectStores.open(settings))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dataflow.s3.endpoint")
                .hasMessageNotContaining(WRONG_SECRET);
    }

    @Test
    void filesLargerThanOnePartGoUpInParallelPartsAndReadBackIdentical() throws Exception {
        int partSize = 5 * 1024 * 1024; // the S3 minimum
        byte[] content = ObjectStoreContractTest.randomBytes(2 * partSize + 1_000_000);
        Path file = Files.write(temp.resolve("big.jar"), content);
        String prefix = "test-" + java.util.UUID.randomUUID();
        try (ObjectStore store = new S3ObjectStore(S3ProxyServer.BUCKET, prefix, server.settings(null), partSize,
                partSize)) {
            store.putFile("big/1.jar", file, FileDigest.of(file));

            Path back = temp.resolve("back.jar");
            store.download("big/1.jar", back);
            assertThat(Files.mismatch(file, back)).isEqualTo(-1L);
            assertThat(store.bytesSent()).isEqualTo(content.length);
        }
    }

    @Test
    void aFileThatDiffersFromItsDigestIsNotCompletedInPartsAndLeavesNoUpload() throws Exception {
        int partSize = 5 * 1024 * 1024;
        Path file = Files.write(temp.resolve("big.jar"), ObjectStoreContractTest.randomBytes(2 * partSize + 1000));
        FileDigest hashedBefore = FileDigest.of(ObjectStoreContractTest.randomBytes(2 * partSize + 1000));
        String prefix = "test-" + java.util.UUID.randomUUID();
        try (ObjectStore store = new S3ObjectStore(S3ProxyServer.BUCKET, prefix, server.settings(null), partSize,
                partSize)) {
            assertThatThrownBy(() -> store.putFile("big/1.jar", file, hashedBefore))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("changed while it was being uploaded")
                    .hasMessageContaining("Nothing was published");

            assertThat(store.exists("big/1.jar")).isFalse();
            assertThat(store.leftovers()).as("the upload was aborted").isEmpty();
        }
    }

    @Test
    void incompleteMultipartUploadsAreReportedAndCanBeAborted() throws Exception {
        String prefix = "test-" + java.util.UUID.randomUUID();
        io.minio.MinioAsyncClient client = io.minio.MinioAsyncClient.builder().endpoint(server.endpoint())
                .region(S3ProxyServer.REGION).credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY).build();
        String uploadId = client.createMultipartUploadAsync(S3ProxyServer.BUCKET, null, prefix + "/jars/a/1.jar",
                null, null).get().result().uploadId();
        try (ObjectStore store = new S3ObjectStore(S3ProxyServer.BUCKET, prefix, server.settings(null))) {
            assertThat(store.leftovers()).singleElement().satisfies(leftover -> {
                assertThat(leftover.kind()).isEqualTo(Leftover.Kind.INCOMPLETE_UPLOAD);
                assertThat(leftover.key()).isEqualTo("jars/a/1.jar");
                assertThat(leftover.uploadId()).isEqualTo(uploadId);
                assertThat(leftover.since()).isBefore(java.time.Instant.now().plusSeconds(60));
            });

            store.remove(store.leftovers().get(0));

            assertThat(store.leftovers()).isEmpty();
            assertThat(store.list("")).isEmpty();
        }
    }

    private GitState git() {
        return new GitState(temp, "user", "repo", "master", "39206ee8c0ffee00112233445566778899aabbcc", false, null,
                "master");
    }

    private static String fullTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
