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
}
