package io.dataflow.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.registry.FaultInjectingProxy.Fault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Create-if-absent on S3 is trusted only after the endpoint proved that it refuses a second conditional PUT, and
 * every created record is confirmed by its bytes; requests are retried within bounds. Everything runs against the
 * real S3Proxy server, through a loopback proxy that misbehaves on purpose.
 */
class S3ConditionalWriteTest {

    private static final Backoff QUICK = new Backoff(Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofSeconds(10), 8);

    @TempDir
    Path temp;

    private final S3ProxyServer server = S3ProxyServer.shared();

    @Test
    void anEndpointThatIgnoresIfNoneMatchIsRefusedBeforeAnythingIsWritten() throws Exception {
        String registry = S3ProxyServer.uniqueRegistry();
        Path jar = Files.writeString(temp.resolve("app.jar"), "jar bytes");
        try (FaultInjectingProxy proxy = FaultInjectingProxy.ignoringConditions(server);
                ObjectStore store = ObjectStores.open(proxy.settings(server, registry))) {

            assertThatThrownBy(() -> new AssetRegistry(store, DataflowLog.SILENT)
                    .deploy(new AssetDeployRequest(AssetType.JAR, "app", git(), jar, null, false)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("The S3 endpoint " + proxy.endpoint())
                    .hasMessageContaining("does not support conditional writes")
                    .hasMessageContaining("'If-None-Match: *'")
                    .hasMessageContaining("Nothing was deployed");
            assertThat(proxy.journal()).as("the probe really went through the proxy")
                    .anyMatch(line -> line.startsWith("PUT ") && line.contains(S3ObjectStore.PROBE_PREFIX));
        }
        try (ObjectStore direct = ObjectStores.open(server.settings(registry))) {
            assertThat(direct.list("")).as("no claim").isEmpty();
            assertThat(direct.list(S3ObjectStore.INTERNAL_PREFIX)).as("no probe object, no marker").isEmpty();
        }
    }

    @Test
    void aPassedProbeIsRecordedSoThatLaterStoresOnTheSameEndpointSkipIt() throws Exception {
        String registry = S3ProxyServer.uniqueRegistry();
        try (FaultInjectingProxy proxy = FaultInjectingProxy.faulty(server, exchange -> Fault.NONE)) {
            try (ObjectStore first = ObjectStores.open(proxy.settings(server, registry))) {
                assertThat(first.createIfAbsent("records/a", bytes("a"))).isTrue();
                assertThat(first.createIfAbsent("records/b", bytes("b"))).isTrue();
            }
            int probesOfFirst = probePuts(proxy.journal());
            try (ObjectStore second = ObjectStores.open(proxy.settings(server, registry))) {
                assertThat(second.createIfAbsent("records/c", bytes("c"))).isTrue();
            }

            assertThat(probesOfFirst).as("one probe: a first and a refused second PUT").isEqualTo(2);
            assertThat(probePuts(proxy.journal())).as("no second probe").isEqualTo(2);
            try (ObjectStore direct = ObjectStores.open(server.settings(registry))) {
                assertThat(direct.list(S3ObjectStore.INTERNAL_PREFIX)).singleElement().asString()
                        .startsWith(S3ObjectStore.MARKER_PREFIX);
                assertThat(direct.list("")).as("store-internal objects are no registry keys")
                        .containsExactly("records/a", "records/b", "records/c");
            }
        }
    }

    @Test
    void aConditionalPutWhoseAnswerWasLostIsRecognisedAsOurOwnByItsBytes() throws Exception {
        String registry = S3ProxyServer.uniqueRegistry();
        AtomicBoolean dropped = new AtomicBoolean();
        try (FaultInjectingProxy proxy = FaultInjectingProxy.faulty(server, exchange ->
                exchange.isConditionalPut() && exchange.target().endsWith("/claims/1") && dropped.compareAndSet(false, true)
                        ? Fault.DROP_AFTER : Fault.NONE);
                S3ObjectStore store = open(proxy, registry)) {

            assertThat(store.createIfAbsent("claims/1", bytes("nonce-ours"))).isTrue();

            assertThat(dropped).isTrue();
            assertThat(store.retries()).isEqualTo(1);
            assertThat(store.read("claims/1")).hasValueSatisfying(content -> assertThat(text(content))
                    .isEqualTo("nonce-ours"));
        }
    }

    @Test
    void aRetriedConditionalPutThatFindsAnotherWritersRecordLosesTheRace() throws Exception {
        String registry = S3ProxyServer.uniqueRegistry();
        try (ObjectStore direct = ObjectStores.open(server.settings(registry))) {
            assertThat(direct.createIfAbsent("claims/2", bytes("nonce-theirs"))).isTrue();
        }
        AtomicBoolean refused = new AtomicBoolean();
        try (FaultInjectingProxy proxy = FaultInjectingProxy.faulty(server, exchange ->
                exchange.isConditionalPut() && exchange.target().endsWith("/claims/2") && refused.compareAndSet(false, true)
                        ? Fault.SLOW_DOWN_BEFORE : Fault.NONE);
                S3ObjectStore store = open(proxy, registry)) {

            assertThat(store.createIfAbsent("claims/2", bytes("nonce-ours"))).isFalse();

            assertThat(store.retries()).isEqualTo(1);
            assertThat(text(store.read("claims/2").orElseThrow())).isEqualTo("nonce-theirs");
        }
    }

    @Test
    void everyKindOfTransientFailureIsRetriedUntilTheRequestSucceeds() throws Exception {
        String registry = S3ProxyServer.uniqueRegistry();
        List<Fault> faults = List.of(Fault.SLOW_DOWN_BEFORE, Fault.GATEWAY_503_BEFORE, Fault.DROP_BEFORE,
                Fault.DROP_AFTER, Fault.SLOW_DOWN_AFTER);
        Path file = Files.writeString(temp.resolve("app.jar"), "jar bytes");
        for (Fault fault : faults) {
            AtomicBoolean injected = new AtomicBoolean();
            try (FaultInjectingProxy proxy = FaultInjectingProxy.faulty(server, exchange ->
                    exchange.target().contains("/" + fault.name() + "/") && injected.compareAndSet(false, true)
                            ? fault : Fault.NONE);
                    S3ObjectStore store = open(proxy, registry)) {
                String prefix = fault.name() + "/";

                assertThat(store.createIfAbsent(prefix + "record", bytes(fault.name()))).isTrue();
                store.putFile(prefix + "file.jar", file, FileDigest.of(file));
                store.copy(prefix + "file.jar", prefix + "copy.jar", FileDigest.of(file));
                assertThat(store.list(prefix)).containsExactly(prefix + "copy.jar", prefix + "file.jar",
                        prefix + "record");

                assertThat(injected).as(fault + " injected").isTrue();
                assertThat(store.retries()).as(fault + " retried").isEqualTo(1);
            }
        }
    }

    @Test
    void aServerThatKeepsFailingIsGivenUpOnAfterABoundedNumberOfAttempts() throws Exception {
        String registry = S3ProxyServer.uniqueRegistry();
        try (FaultInjectingProxy proxy = FaultInjectingProxy.faulty(server, exchange ->
                exchange.target().contains("/overloaded") ? Fault.SLOW_DOWN_BEFORE : Fault.NONE);
                S3ObjectStore store = open(proxy, registry)) {

            assertThatThrownBy(() -> store.read("overloaded"))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("answered HTTP 503 SlowDown (gave up after 8 attempts)");
            assertThat(proxy.journal()).filteredOn(line -> line.contains("/overloaded")).hasSize(8);
        }
    }

    @Test
    void errorsThatARetryCannotFixAreNotRetried() throws Exception {
        RegistrySettings wrongSecret = new RegistrySettings(S3ProxyServer.uniqueRegistry(), server.endpoint(),
                S3ProxyServer.REGION, new S3Credentials(S3ProxyServer.ACCESS_KEY, "not-the-secret"), null);
        try (S3ObjectStore store = (S3ObjectStore) ObjectStores.open(wrongSecret)) {
            assertThatThrownBy(() -> store.read("anything")).isInstanceOf(InvalidInputException.class);
            assertThat(store.retries()).isZero();
        }
    }

    private S3ObjectStore open(FaultInjectingProxy proxy, String registry) {
        String bucketAndPrefix = registry.substring("s3://".length());
        int slash = bucketAndPrefix.indexOf('/');
        return new S3ObjectStore(bucketAndPrefix.substring(0, slash), bucketAndPrefix.substring(slash + 1),
                proxy.settings(server, registry), S3ObjectStore.SINGLE_PUT_LIMIT, S3ObjectStore.PART_SIZE, QUICK);
    }

    private static int probePuts(List<String> journal) {
        return (int) journal.stream().filter(line -> line.startsWith("PUT ") && line.contains(S3ObjectStore.PROBE_PREFIX))
                .count();
    }

    private GitState git() {
        return new GitState(temp, "user", "repo", "master", "39206ee8c0ffee00112233445566778899aabbcc", false, null,
                "master");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] content) {
        return new String(content, StandardCharsets.UTF_8);
    }
}
