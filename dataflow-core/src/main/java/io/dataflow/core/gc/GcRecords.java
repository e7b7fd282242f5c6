package io.dataflow.core.gc;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.Report;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.registry.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The registry records of garbage collection, written once here and read by everything that must respect them:
 * <pre>
 *   gc/collected/&lt;record key&gt;              tombstone: gc deleted the bytes of the build or version whose record
 *                                          (asset metadata, manifest) is that key; the record itself stays
 *   gc/pins/&lt;workflow id&gt;/&lt;n&gt;.json         version n is pinned (dataflow:pin): gc keeps it
 *   gc/intents/&lt;time&gt;-&lt;nonce&gt;.json        a gc run is deleting these keys right now
 * </pre>
 *
 * <p>Numbers are never reused: gc never deletes a build-number claim, a version claim, asset metadata, a manifest or
 * an activation record, only bytes, and leaves a tombstone so that history, rollback and run can say what happened.
 *
 * <p>Safety against a concurrent deploy rests on two writes and two reads in opposite order. A deploy first claims its
 * version number with a claim that lists every build and shared file it uses, then reads the intents
 * ({@link #awaitNoCollection}). gc first writes its intent, then reads everything again (claims included) and deletes
 * only what is still unused. Whichever write comes second, its writer sees the other one: either gc sees the deploy's
 * claim and keeps what it uses, or the deploy sees gc's intent, waits for it to end and refuses a build it deleted.
 */
public final class GcRecords {

    public static final String PREFIX = "gc/";
    public static final String COLLECTED = PREFIX + "collected/";
    public static final String PINS = PREFIX + "pins/";
    public static final String INTENTS = PREFIX + "intents/";
    /** An intent older than this belongs to a gc run that died; it no longer holds anybody back. */
    public static final Duration INTENT_LIFETIME = Duration.ofHours(1);
    /** How long a deploy, pin or rollback waits for a gc run that is deleting something it uses. */
    static final Duration WAIT_FOR_GC = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 200;

    /**
     * What gc deleted for one build or version.
     *
     * @param record the key of the record that stays (asset metadata, manifest)
     * @param deleted the keys whose bytes gc deleted
     */
    public record Tombstone(String record, Instant collectedAt, String by, String gcRun, List<String> deleted, long bytes,
            String nonce) {

        /** {@code collected by gc on 2026-12-01T10:00:00Z}, for messages. */
        public String describe() {
            return "collected by gc on " + Report.time(collectedAt);
        }
    }

    /** @param keys the record keys (asset metadata, manifests) and shared files the run deletes */
    public record Intent(String gcRun, Instant startedAt, String by, List<String> keys, String nonce) {}

    public record Pin(String workflowId, int version, Instant pinnedAt, String by, String nonce) {}

    private final ObjectStore store;

    public GcRecords(ObjectStore store) {
        this.store = store;
    }

    public static String tombstoneKey(String recordKey) {
        return COLLECTED + recordKey;
    }

    public static String pinKey(String workflowId, int version) {
        return PINS + workflowId + "/" + version + ".json";
    }

    /** The record key a tombstone key stands for; empty for every other key. */
    public static Optional<String> recordOfTombstone(String key) {
        return key.startsWith(COLLECTED) && key.length() > COLLECTED.length()
                ? Optional.of(key.substring(COLLECTED.length())) : Optional.empty();
    }

    public Optional<Tombstone> tombstone(String recordKey) {
        String key = tombstoneKey(recordKey);
        return store.read(key).map(bytes -> Json.read(bytes, Tombstone.class, store.locationOf(key)));
    }

    /** Record keys below {@code recordPrefix} whose bytes gc collected: one listing. */
    public Set<String> collectedUnder(String recordPrefix) {
        Set<String> records = new HashSet<>();
        for (String key : store.list(COLLECTED + recordPrefix)) {
            recordOfTombstone(key).ifPresent(records::add);
        }
        return records;
    }

    /** Writes a tombstone unless one exists (a gc run repeated after a crash). */
    void writeTombstone(Tombstone tombstone) {
        store.createIfAbsent(tombstoneKey(tombstone.record()), Json.bytes(tombstone));
    }

    /** Every pin, by {@code <workflow id>/<n>}. */
    public List<Pin> pins() {
        List<Pin> pins = new ArrayList<>();
        for (String key : store.list(PINS)) {
            store.read(key).ifPresent(bytes -> pins.add(Json.read(bytes, Pin.class, store.locationOf(key))));
        }
        return pins;
    }

    /** Intents of gc runs that started less than {@link #INTENT_LIFETIME} before {@code now}. */
    public List<Intent> liveIntents(Instant now) {
        List<Intent> intents = new ArrayList<>();
        for (String key : store.list(INTENTS)) {
            store.read(key).map(bytes -> Json.read(bytes, Intent.class, store.locationOf(key)))
                    .filter(intent -> intent.startedAt() != null && intent.startedAt().isAfter(now.minus(INTENT_LIFETIME)))
                    .ifPresent(intents::add);
        }
        return intents;
    }

    static String intentKey(Intent intent) {
        return INTENTS + intent.startedAt().toString().replace(':', '-') + "-" + intent.nonce() + ".json";
    }

    Intent writeIntent(String gcRun, Instant now, String by, List<String> keys) {
        Intent intent = new Intent(gcRun, now, by, List.copyOf(keys), UUID.randomUUID().toString());
        if (!store.createIfAbsent(intentKey(intent), Json.bytes(intent))) {
            throw new EnvironmentException("gc intent " + store.locationOf(intentKey(intent)) + " exists already; its"
                    + " name holds a random nonce, so something else wrote it. Run gc again.");
        }
        return intent;
    }

    void deleteIntent(Intent intent) {
        store.delete(intentKey(intent));
    }

    /**
     * Waits while a live gc run is deleting one of {@code keys}, then refuses a build or version it collected. Called
     * after the caller's own record (a version claim listing what it uses, a pin) is stored: see the class comment.
     *
     * @param keys asset metadata keys, manifest keys and shared file keys the caller is about to use
     * @param user who uses them, for messages (e.g. {@code "this deploy of daily version 4"})
     * @throws EnvironmentException a build or version it uses was collected, or a gc run did not end in time
     */
    public void awaitNoCollection(Collection<String> keys, String user) {
        if (keys.isEmpty()) {
            return;
        }
        Set<String> used = new HashSet<>(keys);
        long deadline = System.nanoTime() + WAIT_FOR_GC.toNanos();
        while (true) {
            Optional<Intent> blocking = liveIntents(Instant.now()).stream()
                    .filter(intent -> intent.keys().stream().anyMatch(used::contains)).findFirst();
            if (blocking.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                Intent intent = blocking.get();
                throw new EnvironmentException("gc run " + intent.gcRun() + " (started " + Report.time(intent.startedAt())
                        + " by " + intent.by() + ") is still deleting what " + user + " uses after "
                        + WAIT_FOR_GC.toSeconds() + " s; nothing was activated. Run it again once gc has finished (an "
                        + "intent older than " + INTENT_LIFETIME.toHours() + " h, left by a gc that died, is ignored: "
                        + store.locationOf(intentKey(intent)) + ").");
            }
            sleep();
        }
        for (String key : used) {
            Optional<Tombstone> tombstone = tombstone(key);
            if (tombstone.isPresent()) {
                throw new EnvironmentException(store.locationOf(key) + ", which " + user + " uses, was "
                        + tombstone.get().describe() + " while it ran; nothing was activated. Run it again: it then "
                        + "uses builds that are kept.");
            }
        }
    }

    /**
     * Refuses a version gc collected, or is collecting right now, before anything is written.
     *
     * @param action what the caller wanted, e.g. {@code "rolled back to"}
     */
    public void requireVersionKept(String workflowId, int version, String manifestKey, String action) {
        awaitIntents(manifestKey);
        Optional<Tombstone> tombstone = tombstone(manifestKey);
        if (tombstone.isPresent()) {
            throw collectedVersion(workflowId, version, tombstone.get(), action);
        }
    }

    /** The message for a version gc collected. */
    public static InvalidInputException collectedVersion(String workflowId, int version, Tombstone tombstone,
            String action) {
        return new InvalidInputException("Version " + version + " of " + workflowId + " was " + tombstone.describe()
                + " (its bundle was deleted; the manifest stays, so dataflow:history still shows what it was made of),"
                + " so it cannot be " + action + ". Nothing was changed. Choose a version that is kept: mvn dataflow:history"
                + " -Ddataflow.workflow=" + workflowId + " lists them; pin versions you need to keep with dataflow:pin.");
    }

    private void awaitIntents(String key) {
        long deadline = System.nanoTime() + WAIT_FOR_GC.toNanos();
        while (liveIntents(Instant.now()).stream().anyMatch(intent -> intent.keys().contains(key))) {
            if (System.nanoTime() > deadline) {
                throw new EnvironmentException("A gc run is still collecting " + store.locationOf(key) + " after "
                        + WAIT_FOR_GC.toSeconds() + " s; nothing was changed. Try again once it has finished.");
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while waiting for a gc run to finish.", e);
        }
    }
}
