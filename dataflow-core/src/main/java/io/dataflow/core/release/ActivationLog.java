package io.dataflow.core.release;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.registry.ObjectStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The append-only log that decides which workflow versions are active. Records are immutable keys
 * {@code activations/<12-digit sequence>.json}; a sequence number is taken by creating its key if absent, so
 * concurrent writers each get their own record and nobody's activation is lost. The active version of a
 * workflow is the one named by the newest record that mentions it.
 */
public final class ActivationLog {

    public static final String PREFIX = "activations/";

    private static final Pattern KEY = Pattern.compile(Pattern.quote(PREFIX) + "([0-9]{12})\\.json");
    private static final int MAX_ATTEMPTS = 10_000;
    private static final int PARALLEL_READS = 8;

    private final ObjectStore store;

    public ActivationLog(ObjectStore store) {
        this.store = store;
    }

    static String key(long sequence) {
        return PREFIX + String.format("%012d", sequence) + ".json";
    }

    /** The sequence number of an activation record's key; empty for every other key. */
    public static OptionalLong sequenceOf(String key) {
        Matcher matcher = KEY.matcher(key);
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    /** Appends a record after the newest one and returns it as stored. */
    public ActivationRecord append(ActivationKind kind, List<ActivationRecord.Entry> workflows, Instant time,
            String deployer, String commit, String releaseId) {
        long sequence = newestSequence() + 1;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++, sequence++) {
            ActivationRecord record = new ActivationRecord(ActivationRecord.SCHEMA_VERSION, sequence, kind, time,
                    deployer, commit, releaseId, workflows);
            if (store.createIfAbsent(key(sequence), Json.bytes(record))) {
                return record;
            }
        }
        throw new EnvironmentException("Could not append to the activation log under " + store.locationOf(PREFIX)
                + " after " + MAX_ATTEMPTS + " attempts; too many concurrent deploys. Try again.");
    }

    /** Every record, oldest first. */
    public ActivationState read() {
        List<String> keys = store.list(PREFIX).stream().filter(key -> KEY.matcher(key).matches()).toList();
        if (keys.size() <= 1) {
            return new ActivationState(keys.stream().map(this::readRecord).toList());
        }
        // One small GET per record: on S3 latency dominates, so records are fetched several at a time.
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_READS, keys.size()), runnable -> {
            Thread thread = new Thread(runnable, "dataflow-activation-read");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<ActivationRecord>> pending = new ArrayList<>();
            for (String key : keys) {
                pending.add(pool.submit(() -> readRecord(key)));
            }
            List<ActivationRecord> records = new ArrayList<>();
            for (Future<ActivationRecord> record : pending) {
                records.add(await(record));
            }
            return new ActivationState(records);
        } finally {
            pool.shutdownNow();
        }
    }

    private ActivationRecord readRecord(String key) {
        // A listed record is complete: records are only ever created whole.
        byte[] bytes = store.read(key).orElseThrow(() -> new EnvironmentException("Activation record "
                + store.locationOf(key) + " was listed but cannot be read; was it deleted by hand?"));
        return Json.read(bytes, ActivationRecord.class, store.locationOf(key));
    }

    private static ActivationRecord await(Future<ActivationRecord> record) {
        try {
            return record.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while reading the activation log.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new EnvironmentException("Cannot read the activation log: " + e.getCause(), e.getCause());
        }
    }

    private long newestSequence() {
        long newest = 0;
        for (String key : store.list(PREFIX)) {
            Matcher matcher = KEY.matcher(key);
            if (matcher.matches()) {
                newest = Math.max(newest, Long.parseLong(matcher.group(1)));
            }
        }
        return newest;
    }
}
