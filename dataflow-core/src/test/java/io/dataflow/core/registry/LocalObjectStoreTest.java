package io.dataflow.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.EnvironmentException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest extends ObjectStoreContractTest {

    @Override
    protected ObjectStore newStore(Path temp) {
        return new LocalObjectStore(temp.resolve("registry"));
    }

    @Test
    void readingANeverWrittenRegistryCreatesNothing(@TempDir Path temp) {
        Path root = temp.resolve("never-written");
        try (ObjectStore store = new LocalObjectStore(root)) {
            assertThat(store.list("")).isEmpty();
            assertThat(store.read("jars/x/1.jar")).isEmpty();
            assertThat(store.exists("jars/x/1.jar")).isFalse();
        }
        assertThat(root).doesNotExist();
    }

    @Test
    void theFirstWriteCreatesTheRegistry(@TempDir Path temp) {
        Path root = temp.resolve("new");
        try (ObjectStore store = new LocalObjectStore(root)) {
            assertThat(store.createIfAbsent("a/b.json", "{}".getBytes(StandardCharsets.UTF_8))).isTrue();
            assertThat(store.list("")).containsExactly("a/b.json");
        }
        assertThat(root.resolve("a/b.json")).hasContent("{}");
    }

    @Test
    void aFileInPlaceOfTheRegistryIsRejected(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("registry"), "not a directory");
        assertThatThrownBy(() -> new LocalObjectStore(file)).isInstanceOf(EnvironmentException.class)
                .hasMessageContaining(file + " is not a directory").hasMessageContaining("dataflow.registry");
    }

    @Test
    void interruptedWritesLeaveTemporaryFilesThatAreReportedAndRemovable(@TempDir Path temp) throws Exception {
        LocalObjectStore store = new LocalObjectStore(temp.resolve("registry"));
        store.createIfAbsent("a/b.json", "{}".getBytes(StandardCharsets.UTF_8));
        Path left = Files.writeString(temp.resolve("registry/.tmp/4d2c.tmp"), "half a jar");

        assertThat(store.list("")).containsExactly("a/b.json");
        assertThat(store.leftovers()).singleElement().satisfies(leftover -> {
            assertThat(leftover.kind()).isEqualTo(Leftover.Kind.TEMPORARY_FILE);
            assertThat(leftover.key()).isEqualTo(".tmp/4d2c.tmp");
            assertThat(leftover.since()).isEqualTo(Files.getLastModifiedTime(left).toInstant());
        });

        store.remove(store.leftovers().get(0));
        assertThat(left).doesNotExist();
        assertThat(store.leftovers()).isEmpty();
        assertThatThrownBy(() -> store.remove(new Leftover(Leftover.Kind.TEMPORARY_FILE, ".tmp/../a/b.json", null,
                null))).isInstanceOf(IllegalArgumentException.class);
        assertThat(temp.resolve("registry/a/b.json")).exists();
    }

    @Test
    void writesLeaveNoTemporaryFiles(@TempDir Path temp) throws Exception {
        LocalObjectStore store = new LocalObjectStore(temp.resolve("registry"));
        Path file = Files.writeString(temp.resolve("app.jar"), "bytes");
        store.createIfAbsent("claims/1", "{}".getBytes(StandardCharsets.UTF_8));
        store.createIfAbsent("claims/1", "{\"other\":1}".getBytes(StandardCharsets.UTF_8));
        store.putFile("jars/1.jar", file, FileDigest.of(file));
        store.copy("jars/1.jar", "jars/2.jar", FileDigest.of(file));

        assertThat(store.leftovers()).isEmpty();
    }
}
