package io.dataflow.core.release;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.registry.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The append-only log that decides which workflow versions are active.
 *
 * <p>Records are immutable keys {@code activations/log/<folder>/<12-digit sequence>.json}, a hundred per folder. A
 * sequence number is taken by creating its key if absent: a writer decides against the newest record it read and
 * claims exactly the next number; when another writer took it, it reads that record and decides again
 * ({@link #activate}). So every record was decided against its predecessor, and nothing is silently undone.
 *
 * <p>Cost does not grow with the log: every record carries the active version of every workflow (a snapshot it
 * builds on plus the entries changed since, see {@link ActivationRecord}), and the newest record is found by listing
 * the folder markers {@code activations/epochs/} and the newest folder (each at most one page).
 *
 * <p>Logs written before records carried state ({@code activations/<12-digit sequence>.json}) are read once and
 * continued: the first new record builds on a snapshot of them, and the key of sequence 0 in the old layout is
 * created as a fence that older tools fail to read, so they cannot fork the log.
 */
public final class ActivationLog {

    public static final String PREFIX = "activations/";
    static final String LOG = PREFIX + "log/";
    static final String EPOCHS = PREFIX + "epochs/";
    static final String SNAPSHOTS = PREFIX + "snapshots/";
    /** Records per folder: the newest record is found with one listing of at most this many keys. */
    static final int EPOCH_SIZE = 100;
    /** A record carries at most this many changed entries; beyond that, its writer first stores a snapshot. */
    static final int MAX_CHANGES = 32;

    private static final Pattern RECORD_KEY = Pattern.compile(Pattern.quote(LOG) + "[0-9]{6}/([0-9]{12})\\.json");
    private static final Pattern LEGACY_KEY = Pattern.compile(Pattern.quote(PREFIX) + "([0-9]{12})\\.json");
    private static final Pattern EPOCH_KEY = Pattern.compile(Pattern.quote(EPOCHS) + "([0-9]{6})\\.json");
    private static final Pattern SNAPSHOT_KEY = Pattern.compile(Pattern.quote(SNAPSHOTS) + "([0-9]{12})\\.json");
    static final String FENCE = legacyKey(0);
    /** Tools that read {@code activations/<12 digits>.json} fail on this record's kind, with this text in the error. */
    private static final byte[] FENCE_BYTES = ("{\"schemaVersion\":" + ActivationRecord.SCHEMA_VERSION
            + ",\"sequence\":0,\"kind\":\"registry-upgraded-use-a-newer-dataflow-plugin\",\"note\":\"The activation log"
            + " moved to activations/log/; Dataflow versions that read activations/<sequence>.json must not write to"
            + " this registry.\"}").getBytes(StandardCharsets.UTF_8);
    /** Far more than any realistic number of racing writers; stops a loop on a broken store. */
    private static final int MAX_ATTEMPTS = 1_000;

    private final ObjectStore store;
    /** Snapshot sequence -> active versions. Snapshots are immutable, so an entry never goes stale. */
    private final Map<Long, SortedMap<String, ActiveVersion>> snapshots = new ConcurrentHashMap<>();
    /** Snapshots that were missing or damaged and had to be rebuilt from the log: the next record replaces them. */
    private final Set<Long> rebuilt = ConcurrentHashMap.newKeySet();
    private volatile LegacyLog legacy;

    public ActivationLog(ObjectStore store) {
        this.store = store;
    }

    static String key(long sequence) {
        return LOG + String.format("%06d", epochOf(sequence)) + "/" + String.format("%012d", sequence) + ".json";
    }

    static String legacyKey(long sequence) {
        return PREFIX + String.format("%012d", sequence) + ".json";
    }

    /** The sequence number of an activation record's key, in either layout; empty for every other key. */
    public static OptionalLong sequenceOf(String key) {
        Matcher record = RECORD_KEY.matcher(key);
        if (record.matches()) {
            return OptionalLong.of(Long.parseLong(record.group(1)));
        }
        Matcher legacyRecord = LEGACY_KEY.matcher(key);
        return legacyRecord.matches() && !key.equals(FENCE) ? OptionalLong.of(Long.parseLong(legacyRecord.group(1)))
                : OptionalLong.empty();
    }

    /** Whether the key is one of the log's own helpers: a folder marker, a snapshot, or the old layout's fence. */
    public static boolean isBookkeeping(String key) {
        return key.equals(FENCE) || EPOCH_KEY.matcher(key).matches() || SNAPSHOT_KEY.matcher(key).matches();
    }

    /** The problem with a snapshot key, when it cannot be read; empty for readable snapshots and other keys. */
    public Optional<DamagedRecord> damagedSnapshot(String key) {
        Matcher snapshot = SNAPSHOT_KEY.matcher(key);
        return snapshot.matches() ? readSnapshot(Long.parseLong(snapshot.group(1))).damaged() : Optional.empty();
    }

    static String epochKey(long epoch) {
        return EPOCHS + String.format("%06d", epoch) + ".json";
    }

    static String snapshotKey(long through) {
        return SNAPSHOTS + String.format("%012d", through) + ".json";
    }

    private static long epochOf(long sequence) {
        return sequence / EPOCH_SIZE;
    }

    /** What a decision proposes: the versions the next record names (none: write nothing) and its commit. */
    public record Proposal(List<ActivationRecord.Entry> workflows, String commit) {

        public static final Proposal NOTHING = new Proposal(List.of(), null);

        public Proposal {
            workflows = List.copyOf(workflows);
        }
    }

    /**
     * The outcome of {@link #activate}.
     *
     * @param state the state after the record, or the state decided against when nothing was written
     * @param record the record written, {@code null} when the decision was to write nothing
     */
    public record Activation(ActivationState state, ActivationRecord record) {}

    /**
     * The newest activations of one workflow, newest first.
     *
     * @param complete every activation of the workflow is listed
     * @param damaged records that stopped the walk
     */
    public record Events(List<ActivationState.Event> events, boolean complete, List<DamagedRecord> damaged) {}

    /** The current state: the newest readable record's, found without reading older records. */
    public ActivationState state() {
        Head head = locate();
        if (head.sequence() == 0) {
            return ActivationState.EMPTY;
        }
        if (head.legacy()) {
            return legacyLog().stateThrough(head.sequence(), head.sequence(), List.of(), true, head.markerEpoch());
        }
        return stateFrom(head.sequence(), head.markerEpoch(), new ArrayList<>());
    }

    /**
     * Compare-and-set: decides against the newest record and claims exactly the next sequence number with it. When
     * another writer took that number first, reads its record and decides again; so a decision is never written on
     * top of a state it did not see. The listener is told before every claim and may stop the activation by
     * throwing; then no record is written.
     *
     * @param decide the decision against a state; may throw to refuse (nothing is written)
     */
    public Activation activate(ActivationKind kind, Instant time, String deployer, String releaseId,
            Function<ActivationState, Proposal> decide, ActivationListener listener) {
        return activate(state(), kind, time, deployer, releaseId, decide, listener);
    }

    /**
     * {@link #activate(ActivationKind, Instant, String, String, Function, ActivationListener)} starting from a state
     * the caller read: when newer records exist, the claims that fail lead to them one by one.
     */
    public Activation activate(ActivationState start, ActivationKind kind, Instant time, String deployer,
            String releaseId, Function<ActivationState, Proposal> decide, ActivationListener listener) {
        ActivationState state = start;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Proposal proposal = decide.apply(state);
            if (proposal.workflows().isEmpty()) {
                return new Activation(state, null);
            }
            listener.beforeActivation(kind, proposal.workflows());
            long sequence = state.sequence() + 1;
            Next next = next(state, sequence, kind, time, deployer, proposal.commit(), releaseId, proposal.workflows());
            if (write(state, next)) {
                return new Activation(next.state(), next.record());
            }
            state = stateAfterLostClaim(sequence, state);
        }
        throw new EnvironmentException("Could not append to the activation log under " + store.locationOf(PREFIX)
                + " after " + MAX_ATTEMPTS + " attempts; too many concurrent deploys. Try again.");
    }

    /** Writes the next record without reading the log first; for callers that know the state (seeding benchmarks). */
    Activation append(ActivationState state, ActivationKind kind, Instant time, String deployer, String commit,
            String releaseId, List<ActivationRecord.Entry> workflows) {
        Next next = next(state, state.sequence() + 1, kind, time, deployer, commit, releaseId, workflows);
        if (!write(state, next)) {
            throw new EnvironmentException("Activation record " + store.locationOf(key(state.sequence() + 1))
                    + " exists already.");
        }
        return new Activation(next.state(), next.record());
    }

    /** Creates the record (and first what it builds on); false when its sequence number was taken. */
    private boolean write(ActivationState state, Next next) {
        if (state.needsFence()) {
            store.createIfAbsent(FENCE, FENCE_BYTES);
        }
        if (next.snapshot() != null) {
            store.createIfAbsent(snapshotKey(next.snapshot().through()), Json.bytes(next.snapshot()));
        }
        long sequence = next.record().sequence();
        if (!store.createIfAbsent(key(sequence), Json.bytes(next.record()))) {
            return false;
        }
        if (epochOf(sequence) > state.markerEpoch()) {
            store.createIfAbsent(epochKey(epochOf(sequence)),
                    ("{\"epoch\":" + epochOf(sequence) + "}").getBytes(StandardCharsets.UTF_8));
        }
        return true;
    }

    /**
     * The newest activations of a workflow, following each record's pointer to the workflow's previous activation:
     * one read per activation, however many records other workflows added in between.
     */
    public Events events(ActivationState state, String workflowId, int limit) {
        return events(state, workflowId, limit, event -> false);
    }

    /** {@link #events(ActivationState, String, int)}, stopping after the first event that {@code until} accepts. */
    Events events(ActivationState state, String workflowId, int limit, Predicate<ActivationState.Event> until) {
        List<ActivationState.Event> events = new ArrayList<>();
        long sequence = state.entry(workflowId).map(ActiveVersion::since).orElse(0L);
        while (sequence > 0 && events.size() < limit && (events.isEmpty() || !until.test(events.get(events.size() - 1)))) {
            Read read = readRecord(sequence, true);
            if (read.record() == null) {
                return new Events(events, false, List.of(read.damaged()));
            }
            ActivationRecord record = read.record();
            if (!record.carriesState()) {
                // Written before records pointed to their predecessors: the old log is read as a whole, once.
                List<ActivationState.Event> older = legacyLog().events(workflowId, sequence);
                int room = limit - events.size();
                for (ActivationState.Event event : older.subList(0, Math.min(room, older.size()))) {
                    events.add(event);
                    if (until.test(event)) {
                        return new Events(events, false, legacyLog().damaged());
                    }
                }
                return new Events(events, older.size() <= room, legacyLog().damaged());
            }
            Integer version = record.versionOf(workflowId);
            ActiveVersion entry = record.changes().get(workflowId);
            if (version == null || entry == null || entry.since() != sequence) {
                return new Events(events, false, List.of(damaged(key(sequence),
                        "it is named as an activation of " + workflowId + " but does not activate it")));
            }
            events.add(new ActivationState.Event(sequence, record.kind(), record.time(), record.deployer(),
                    record.commit(), version));
            sequence = entry.previous();
        }
        return new Events(events, sequence == 0, List.of());
    }

    /**
     * Every record, snapshot and marker of the log that cannot be read; reads the whole log (for
     * {@code dataflow:check-registry}).
     */
    public List<DamagedRecord> verify() {
        List<DamagedRecord> damaged = new ArrayList<>();
        for (String key : store.list(PREFIX)) {
            Matcher record = RECORD_KEY.matcher(key);
            Matcher legacyRecord = LEGACY_KEY.matcher(key);
            Matcher snapshot = SNAPSHOT_KEY.matcher(key);
            if (record.matches()) {
                parseRecord(key, Long.parseLong(record.group(1))).damaged().ifPresent(damaged::add);
            } else if (legacyRecord.matches() && !key.equals(FENCE)) {
                parseRecord(key, Long.parseLong(legacyRecord.group(1))).damaged().ifPresent(damaged::add);
            } else if (snapshot.matches()) {
                readSnapshot(Long.parseLong(snapshot.group(1))).damaged().ifPresent(damaged::add);
            }
        }
        return damaged;
    }

    // ---- finding the newest record

    private record Head(long sequence, boolean legacy, long markerEpoch) {}

    private Head locate() {
        long markerEpoch = 0;
        for (String key : store.list(EPOCHS)) {
            Matcher matcher = EPOCH_KEY.matcher(key);
            if (matcher.matches()) {
                markerEpoch = Math.max(markerEpoch, Long.parseLong(matcher.group(1)));
            }
        }
        long epoch = markerEpoch;
        while (true) {
            long newest = newestIn(epoch);
            if (newest == 0) {
                if (epoch == 0) {
                    return locateWithoutMarkers(markerEpoch);
                }
                epoch--; // a marker without records: they were removed by hand; look one folder back
                continue;
            }
            if (newest % EPOCH_SIZE == EPOCH_SIZE - 1 && store.exists(key(newest + 1))) {
                epoch++; // the writer of the next folder's first record died before creating the marker
                continue;
            }
            return new Head(newest, false, markerEpoch);
        }
    }

    private long newestIn(long epoch) {
        long newest = 0;
        for (String key : store.list(LOG + String.format("%06d", epoch) + "/")) {
            Matcher matcher = RECORD_KEY.matcher(key);
            if (matcher.matches()) {
                newest = Math.max(newest, Long.parseLong(matcher.group(1)));
            }
        }
        return newest;
    }

    /**
     * No folder marker and no record in the first folder: an empty registry, a log of the old layout, or the first
     * record after an upgrade whose marker is missing. One listing of everything tells which.
     */
    private Head locateWithoutMarkers(long markerEpoch) {
        long newest = 0;
        long legacyNewest = 0;
        for (String key : store.list(PREFIX)) {
            Matcher record = RECORD_KEY.matcher(key);
            Matcher legacyRecord = LEGACY_KEY.matcher(key);
            if (record.matches()) {
                newest = Math.max(newest, Long.parseLong(record.group(1)));
            } else if (legacyRecord.matches()) {
                legacyNewest = Math.max(legacyNewest, Long.parseLong(legacyRecord.group(1)));
            }
        }
        return newest > 0 ? new Head(newest, false, markerEpoch) : new Head(legacyNewest, true, markerEpoch);
    }

    // ---- reading state

    private ActivationState stateFrom(long head, long markerEpoch, List<DamagedRecord> damaged) {
        for (long sequence = head; sequence > 0; sequence--) {
            Read read = readRecord(sequence, true);
            if (read.record() == null) {
                damaged.add(read.damaged());
                continue;
            }
            ActivationRecord record = read.record();
            if (!record.carriesState()) {
                return legacyLog().stateThrough(head, sequence, damaged, false, markerEpoch);
            }
            SortedMap<String, ActiveVersion> active = stateOf(record, damaged);
            return new ActivationState(head, sequence, active, record.base(), baseUsable(record) ? record.changes() : null,
                    false, markerEpoch, damaged);
        }
        return new ActivationState(head, 0, new TreeMap<>(), null, new TreeMap<>(), false, markerEpoch, damaged);
    }

    private ActivationState stateAfterLostClaim(long sequence, ActivationState previous) {
        Read read = readRecord(sequence, false);
        if (read.record() == null || !read.record().carriesState()) {
            // The winner's record cannot be read: it is skipped like every damaged record.
            return previous.skipping(sequence, read.record() == null ? read.damaged()
                    : damaged(key(sequence), "it carries no state (schema " + read.record().schemaVersion() + ")"));
        }
        ActivationRecord record = read.record();
        List<DamagedRecord> damaged = new ArrayList<>(previous.damaged());
        SortedMap<String, ActiveVersion> active = stateOf(record, damaged);
        return new ActivationState(sequence, sequence, active, record.base(), baseUsable(record) ? record.changes() : null,
                false, previous.markerEpoch(), damaged);
    }

    private SortedMap<String, ActiveVersion> stateOf(ActivationRecord record, List<DamagedRecord> damaged) {
        SortedMap<String, ActiveVersion> active = new TreeMap<>();
        if (record.base() != null) {
            active.putAll(snapshot(record.base(), damaged));
        }
        active.putAll(record.changes());
        return active;
    }

    /** Whether the record's snapshot could be read; when not, the next record writes a new one to build on. */
    private boolean baseUsable(ActivationRecord record) {
        return record.base() == null || !rebuilt.contains(record.base());
    }

    /** The state through {@code through}: its snapshot, or, when that is damaged or missing, rebuilt from the log. */
    private SortedMap<String, ActiveVersion> snapshot(long through, List<DamagedRecord> damaged) {
        SortedMap<String, ActiveVersion> cached = snapshots.get(through);
        if (cached != null) {
            return cached;
        }
        SnapshotRead read = readSnapshot(through);
        SortedMap<String, ActiveVersion> active;
        if (read.snapshot() != null) {
            active = read.snapshot().active();
        } else {
            read.damaged().ifPresent(damaged::add);
            active = new TreeMap<>(stateFrom(through, 0, damaged).workflows());
            rebuilt.add(through);
        }
        snapshots.put(through, active);
        return active;
    }

    // ---- writing

    private record Next(ActivationRecord record, ActivationRecord.Snapshot snapshot, ActivationState state) {}

    private static Next next(ActivationState state, long sequence, ActivationKind kind, Instant time, String deployer,
            String commit, String releaseId, List<ActivationRecord.Entry> workflows) {
        SortedMap<String, ActiveVersion> own = new TreeMap<>();
        for (ActivationRecord.Entry entry : workflows) {
            ActiveVersion before = state.workflows().get(entry.workflowId());
            own.put(entry.workflowId(), before == null
                    ? ActiveVersion.first(entry.version(), sequence, kind, time, deployer, commit)
                    : before.next(entry.version(), sequence, kind, time, deployer, commit));
        }
        SortedMap<String, ActiveVersion> active = new TreeMap<>(state.workflows());
        active.putAll(own);

        ActivationRecord.Snapshot snapshot = null;
        Long base = state.base();
        SortedMap<String, ActiveVersion> changes = null;
        if (state.changes() != null) {
            SortedMap<String, ActiveVersion> merged = new TreeMap<>(state.changes());
            merged.putAll(own);
            changes = merged.size() <= MAX_CHANGES ? merged : null;
        }
        if (changes == null) {
            // Too many entries to repeat in every record (or an old log): store the state so far once, build on it.
            base = state.through() > 0 ? state.through() : null;
            snapshot = base == null ? null : ActivationRecord.Snapshot.of(base, state.workflows());
            changes = own;
        }
        ActivationRecord record = new ActivationRecord(ActivationRecord.SCHEMA_VERSION, sequence, kind, time, deployer,
                commit, releaseId, workflows, base, changes);
        long markerEpoch = Math.max(state.markerEpoch(), epochOf(sequence));
        ActivationState after = new ActivationState(sequence, sequence, active, base, changes, false, markerEpoch,
                state.damaged());
        return new Next(record, snapshot, after);
    }

    // ---- reading records

    /** A record, or why it cannot be used. */
    private record Read(ActivationRecord record, DamagedRecord damaged) {}

    private record Parsed(ActivationRecord record, Optional<DamagedRecord> damaged) {}

    private record SnapshotRead(ActivationRecord.Snapshot snapshot, Optional<DamagedRecord> damaged) {}

    private Read readRecord(long sequence, boolean orLegacy) {
        String key = key(sequence);
        Optional<byte[]> bytes = store.read(key);
        if (bytes.isEmpty() && orLegacy) {
            key = legacyKey(sequence);
            bytes = store.read(key);
        }
        if (bytes.isEmpty()) {
            return new Read(null, damaged(key(sequence), "it is missing, although newer records exist; was it deleted"
                    + " by hand?"));
        }
        Parsed parsed = parse(key, sequence, bytes.get());
        return new Read(parsed.record(), parsed.damaged().orElse(null));
    }

    private Parsed parseRecord(String key, long sequence) {
        Optional<byte[]> bytes = store.read(key);
        if (bytes.isEmpty()) {
            return new Parsed(null, Optional.of(damaged(key, "it was listed but cannot be read")));
        }
        return parse(key, sequence, bytes.get());
    }

    private Parsed parse(String key, long sequence, byte[] bytes) {
        ActivationRecord record;
        try {
            record = Json.read(bytes, ActivationRecord.class, store.locationOf(key));
        } catch (EnvironmentException e) {
            return new Parsed(null, Optional.of(damaged(key, "not a readable activation record: " + rootMessage(e))));
        }
        String problem = record.kind() == null || record.time() == null ? "kind or time is missing"
                : record.sequence() != sequence ? "it names sequence " + record.sequence()
                : record.workflows().stream().anyMatch(entry -> entry == null || entry.workflowId() == null)
                        ? "a workflow entry has no id"
                : record.schemaVersion() > ActivationRecord.SCHEMA_VERSION
                        ? "schema version " + record.schemaVersion() + " is newer than this tool understands ("
                                + ActivationRecord.SCHEMA_VERSION + "); upgrade the Dataflow plugin"
                : null;
        return problem == null ? new Parsed(record, Optional.empty())
                : new Parsed(null, Optional.of(damaged(key, problem)));
    }

    private SnapshotRead readSnapshot(long through) {
        String key = snapshotKey(through);
        Optional<byte[]> bytes = store.read(key);
        if (bytes.isEmpty()) {
            return new SnapshotRead(null, Optional.of(damaged(key, "it is missing, although a record builds on it")));
        }
        try {
            ActivationRecord.Snapshot snapshot = Json.read(bytes.get(), ActivationRecord.Snapshot.class,
                    store.locationOf(key));
            if (snapshot.through() != through) {
                return new SnapshotRead(null, Optional.of(damaged(key, "it names sequence " + snapshot.through())));
            }
            return new SnapshotRead(snapshot, Optional.empty());
        } catch (EnvironmentException e) {
            return new SnapshotRead(null, Optional.of(damaged(key, "not a readable snapshot: " + rootMessage(e))));
        }
    }

    private DamagedRecord damaged(String key, String problem) {
        return new DamagedRecord(key, store.locationOf(key), problem);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    // ---- logs of the old layout

    private LegacyLog legacyLog() {
        LegacyLog log = legacy;
        if (log == null) {
            synchronized (this) {
                if (legacy == null) {
                    legacy = readLegacy();
                }
                log = legacy;
            }
        }
        return log;
    }

    /** The records of the old layout, read once: one small read per record, eight at a time. */
    private LegacyLog readLegacy() {
        List<Long> sequences = new ArrayList<>();
        for (String key : store.list(PREFIX)) {
            Matcher matcher = LEGACY_KEY.matcher(key);
            if (matcher.matches() && Long.parseLong(matcher.group(1)) > 0) {
                sequences.add(Long.parseLong(matcher.group(1)));
            }
        }
        List<Parsed> parsed = Parallel.map(sequences, sequence -> parseRecord(legacyKey(sequence), sequence));
        List<ActivationRecord> records = new ArrayList<>();
        List<DamagedRecord> damaged = new ArrayList<>();
        for (Parsed one : parsed) {
            if (one.record() != null) {
                records.add(one.record());
            }
            one.damaged().ifPresent(damaged::add);
        }
        records.sort(Comparator.comparingLong(ActivationRecord::sequence));
        return new LegacyLog(records, damaged);
    }

    /** The old layout's readable records, oldest first, replayed on demand. */
    private record LegacyLog(List<ActivationRecord> records, List<DamagedRecord> damaged) {

        /** The state after every readable record up to {@code through}; the next record must snapshot it. */
        ActivationState stateThrough(long head, long through, List<DamagedRecord> damagedSoFar, boolean fence,
                long markerEpoch) {
            SortedMap<String, ActiveVersion> active = new TreeMap<>();
            long last = 0;
            for (ActivationRecord record : records) {
                if (record.sequence() > through) {
                    break;
                }
                last = record.sequence();
                for (ActivationRecord.Entry entry : record.workflows()) {
                    ActiveVersion before = active.get(entry.workflowId());
                    active.put(entry.workflowId(), before == null
                            ? ActiveVersion.first(entry.version(), record.sequence(), record.kind(), record.time(),
                                    record.deployer(), record.commit())
                            : before.next(entry.version(), record.sequence(), record.kind(), record.time(),
                                    record.deployer(), record.commit()));
                }
            }
            List<DamagedRecord> all = new ArrayList<>(damagedSoFar);
            damaged.stream().filter(record -> !all.contains(record)).forEach(all::add);
            return new ActivationState(head, last, active, null, null, fence, markerEpoch, all);
        }

        /** The activations of one workflow with a sequence up to {@code through}, newest first. */
        List<ActivationState.Event> events(String workflowId, long through) {
            List<ActivationState.Event> events = new ArrayList<>();
            for (int i = records.size() - 1; i >= 0; i--) {
                ActivationRecord record = records.get(i);
                Integer version = record.sequence() <= through ? record.versionOf(workflowId) : null;
                if (version != null) {
                    events.add(new ActivationState.Event(record.sequence(), record.kind(), record.time(),
                            record.deployer(), record.commit(), version));
                }
            }
            return events;
        }
    }
}
