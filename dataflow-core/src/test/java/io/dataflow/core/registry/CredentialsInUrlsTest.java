package io.dataflow.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dataflow.core.DataflowException;
import io.dataflow.core.InvalidInputException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Endpoint and registry URLs that carry credentials are refused before any request, without repeating them. */
class CredentialsInUrlsTest {

    private static final String SECRET = "wJalrXUtn/K7MDENG+bPxRfiCY";

    /** Counts the connections made to a loopback port: the evidence that no request was sent. */
    private ServerSocket listener;
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket socket = listener.accept()) {
                    connections.incrementAndGet();
                } catch (SocketException closed) {
                    return;
                } catch (IOException ignored) {
                    // keep accepting
                }
            }
        }, "connection-counter");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    @Test
    void anEndpointWithCredentialsIsRefusedBeforeAnyRequestAndNeverRepeated() throws Exception {
        String endpoint = "http://AKIAEXAMPLE:" + SECRET + "@127.0.0.1:" + listener.getLocalPort();

        Throwable refused = catchThrowable(() -> {
            try (ObjectStore store = ObjectStores.open(settings(endpoint))) {
                store.exists("probe");
            }
        });

        assertThat(refused).isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid dataflow.s3.endpoint 'http://****@127.0.0.1:" + listener.getLocalPort()
                        + "': credentials do not belong in the endpoint URL, where build logs and mvn -X would show "
                        + "them. Set the endpoint without them (scheme, host and port, e.g. http://127.0.0.1:9000) "
                        + "and put the access key and secret in the settings.xml <server> named by dataflow.serverId "
                        + "(default 'dataflow'), or in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.");
        Thread.sleep(200);
        assertThat(connections).as("no request reached the endpoint").hasValue(0);

        // The same endpoint without credentials is contacted: the counter does see requests.
        Throwable contacted = catchThrowable(() -> {
            try (ObjectStore store = ObjectStores.open(settings("http://127.0.0.1:" + listener.getLocalPort()))) {
                store.exists("probe");
            }
        });
        assertThat(contacted).isInstanceOf(DataflowException.class);
        assertThat(connections.get()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://key:" + SECRET + "@minio.internal:9000", "https://" + SECRET + "@s3.example.com",
            "http://key:wJalr%40" + SECRET + "@minio.internal:9000", "key:" + SECRET + "@minio.internal:9000",
            "http://key:" + SECRET + "@"})
    void everyFormOfUserInfoInTheEndpointIsRefusedWithoutRepeatingIt(String endpoint) {
        assertThatThrownBy(() -> settings(endpoint))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Invalid dataflow.s3.endpoint '")
                .hasMessageContaining("****@")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("wJalr")
                .hasMessageNotContaining("key:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://AKIAEXAMPLE:" + SECRET + "@bucket/prefix", "s3://key:p%40" + SECRET + "@bucket",
            "file://user:" + SECRET + "@host/srv/registry", "https://key:" + SECRET + "@host/registry"})
    void credentialsInTheRegistryUrlAreRefusedWithoutRepeatingThem(String registry) {
        assertThatThrownBy(() -> ObjectStores.open(RegistrySettings.defaults().withRegistry(registry)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Invalid dataflow.registry '")
                .hasMessageContaining("****@")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("wJalr");
    }

    @Test
    void anAtSignInALocalRegistryPathIsJustAPath(@TempDir Path temp) {
        Path registry = temp.resolve("dataflow@registry");

        try (ObjectStore store = ObjectStores.open(RegistrySettings.defaults().withRegistry(registry.toUri().toString()))) {
            assertThat(store).isInstanceOf(LocalObjectStore.class);
            assertThat(store.root()).contains("dataflow@registry");
        }
    }

    private static RegistrySettings settings(String endpoint) {
        return new RegistrySettings("s3://bucket/prefix", endpoint, "us-east-1",
                new S3Credentials("access", "secret"), Duration.ofSeconds(2));
    }
}
