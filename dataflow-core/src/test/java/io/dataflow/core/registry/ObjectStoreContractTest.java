package io.dataflow.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dataflow.core.DataflowException;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link ObjectStore} backend must do; one subclass per backend. */
abstract class ObjectStoreContractTest {

    @TempDir
    Path temp;

    private ObjectStore store;

    /** A new, empty store for each test. */
    protected abstract ObjectStore newStore(Path temp);

    @BeforeEach
    void openStore() {
        store = newStore(temp);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void createIfAbsentCreatesOnceAndKeepsTheFirstContent() {
        assertThat(store.createIfAbsent("a/b/claim", bytes("first"))).isTrue();
        assertThat(store.createIfAbsent("a/b/claim", bytes("second"))).isFalse();

        assertThat(store.read("a/b/claim")).hasValueSatisfying(content -> assertThat(text(content)).isEqualTo("first"));
        assertThat(store.exists("a/b/claim")).isTrue();
    }

    @Test
    void createIfAbsentHasExactlyOneWinnerAmongSixteenRacers() throws Exception {
        int racers = 16;
        for (int round = 0; round < 3; round++) {
            String key = "race/" + round;
            List<Boolean> results = race(racers, racer -> store.createIfAbsent(key, bytes("racer " + racer)));
            assertThat(results).filteredOn(Boolean::booleanValue).as("winners of round " + round).hasSize(1);
            int winner = results.indexOf(true);
            assertThat(text(store.read(key).orElseThrow())).isEqualTo("racer " + winner);
        }
    }

    @Test
    void putFileStoresBytesThatReadAndDownloadReturn() throws Exception {
        byte[] content = randomBytes(300_000);
        Path file = Files.write(temp.resolve("asset.jar"), content);

        store.putFile("jars/ns/o/r/main/0123abcd/1.jar", file, FileDigest.of(file));

        assertThat(store.read("jars/ns/o/r/main/0123abcd/1.jar")).hasValue(content);
        Path downloaded = temp.resolve("down/asset.jar");
        store.download("jars/ns/o/r/main/0123abcd/1.jar", downloaded);
        assertThat(downloaded).hasBinaryContent(content);
        assertThat(store.bytesSent()).isEqualTo(content.length);
    }

    @Test
    void copyDuplicatesAnObjectWithoutSendingItsBytes() throws Exception {
        byte[] content = randomBytes(50_000);
        Path file = Files.write(temp.resolve("a.jar"), content);
        store.putFile("src/1.jar", file, FileDigest.of(file));
        long sentBefore = store.bytesSent();

        store.copy("src/1.jar", "dst/2.jar", FileDigest.of(content));

        assertThat(store.read("dst/2.jar")).hasValue(content);
        assertThat(store.bytesSent()).isEqualTo(sentBefore);
    }

    @Test
    void aRecordOfTheLargestSizeIsStillCreatedOnlyOnce() {
        byte[] largest = randomBytes(ObjectStore.MAX_RECORD_SIZE);

        assertThat(store.createIfAbsent("records/largest", largest)).isTrue();
        assertThat(store.createIfAbsent("records/largest", randomBytes(ObjectStore.MAX_RECORD_SIZE))).isFalse();
        assertThat(store.read("records/largest")).hasValue(largest);
    }

    @Test
    void aRecordTooLargeForOneRequestIsRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> store.createIfAbsent("records/huge", new byte[ObjectStore.MAX_RECORD_SIZE + 1]))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(store.locationOf("records/huge"))
                .hasMessageContaining("single-part")
                .hasMessageContaining("If-None-Match");
        assertThat(store.exists("records/huge")).isFalse();
    }

    @Test
    void aFileThatChangedAfterItWasHashedIsNotStored() throws Exception {
        Path file = Files.write(temp.resolve("asset.jar"), randomBytes(10_000));
        FileDigest hashedBefore = FileDigest.of(file);
        Files.write(file, randomBytes(10_000)); // same size, other bytes

        assertThatThrownBy(() -> store.putFile("jars/x/1.jar", file, hashedBefore))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("jars/x/1.jar")
                .hasMessageContaining("Nothing was published");
        assertThat(store.exists("jars/x/1.jar")).isFalse();
    }

    @Test
    void aCopyOfOtherBytesThanExpectedFailsAndLeavesNoCopy() throws Exception {
        Path file = Files.write(temp.resolve("a.jar"), randomBytes(5_000));
        store.putFile("src/1.jar", file, FileDigest.of(file));
        FileDigest other = FileDigest.of(randomBytes(5_000));

        assertThatThrownBy(() -> store.copy("src/1.jar", "dst/2.jar", other))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining(store.locationOf("src/1.jar"))
                .hasMessageContaining("check-registry");
        assertThat(store.exists("dst/2.jar")).isFalse();
    }

    @Test
    void listingsCarrySizesAndTimesAndDeleteRemovesOnlyItsKey() {
        Instant before = Instant.now().minusSeconds(60);
        store.createIfAbsent("objects/a", bytes("12345"));
        store.createIfAbsent("objects/b", bytes("1"));

        assertThat(store.listObjects("objects/")).extracting(StoredObject::key, StoredObject::size)
                .containsExactly(tuple("objects/a", 5L),
                        tuple("objects/b", 1L));
        assertThat(store.listObjects("objects/")).allSatisfy(object -> assertThat(object.lastModified())
                .isAfter(before));

        store.delete("objects/a");
        store.delete("objects/never-existed");
        assertThat(store.list("objects/")).containsExactly("objects/b");
    }

    @Test
    void missingKeysReadAsEmptyAndDoNotExist() {
        assertThat(store.read("nothing/here")).isEmpty();
        assertThat(store.exists("nothing/here")).isFalse();
        assertThat(store.list("nothing/")).isEmpty();
    }

    @Test
    void listReturnsEveryKeyBelowThePrefixInOrder() {
        for (String key : List.of("jars/ns/b/2", "jars/ns/a/.claims/1", "jars/ns/a/1", "jars/nsx/1", "whls/ns/1")) {
            store.createIfAbsent(key, bytes(key));
        }

        assertThat(store.list("jars/ns/")).containsExactly("jars/ns/a/.claims/1", "jars/ns/a/1", "jars/ns/b/2");
        assertThat(store.list("jars/ns")).contains("jars/nsx/1");
    }

    @Test
    void keysOutsideTheRegistryAreRejected() {
        assertThatThrownBy(() -> store.createIfAbsent("../escape", bytes("x")))
                .isInstanceOf(DataflowException.class)
                .hasMessageContaining("../escape");
    }

    @Test
    void locationsNameTheRegistryRootAndTheKey() {
        assertThat(store.locationOf("jars/ns/o/r/main/0123abcd/1.jar"))
                .startsWith(store.root())
                .endsWith("/jars/ns/o/r/main/0123abcd/1.jar");
    }

    static <T> List<T> race(int racers, RacerTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                int racer = i;
                Callable<T> call = () -> {
                    start.await();
                    return task.run(racer);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    interface RacerTask<T> {
        T run(int racer) throws Exception;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] content) {
        return new String(content, StandardCharsets.UTF_8);
    }

    static byte[] randomBytes(int size) {
        byte[] content = new byte[size];
        ThreadLocalRandom.current().nextBytes(content);
        return content;
    }
}
