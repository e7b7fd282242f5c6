package io.dataflow.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.gc.GcRecords;
import io.dataflow.core.identity.AssetId;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.BranchNames;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.identity.Namespaces;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Asset builds in a registry, written once in terms of {@link ObjectStore} primitives so that every backend
 * behaves the same.
 *
 * <p>Layout of one line ({@code <type>s/<namespace>/<owner>/<repo>/<branch>/}):
 * <ul>
 *   <li>{@code .claims/<n>} — build number {@code n} is taken; created with create-if-absent, so two
 *       concurrent deploys never get the same number;</li>
 *   <li>{@code <commit>/<n>.<ext>} — the bytes;</li>
 *   <li>{@code <commit>/<n>.meta.json} — the metadata, written last with create-if-absent: a build is
 *       visible (listed, resolvable) exactly when this record exists.</li>
 * </ul>
 * and {@code .index/sha256/<hex>} maps content to the key of a stored copy, so identical bytes are copied
 * server-side instead of being sent again. A deploy that dies after claiming a number leaves only invisible
 * garbage; its number is skipped and the next deploy takes the following one.
 *
 * <p>A namespace belongs to the repository that deployed it first ({@link Ownership}): only that repository may
 * deploy it, and references resolve within its lines. "Newest" means the highest build number of a line, a number
 * the registry assigned, never a client clock.
 *
 * <p>One instance serves one Maven invocation: it caches the listing of every namespace it reads, and
 * forgets a namespace's listing when it deploys into it.
 */
public final class AssetRegistry implements AssetCatalog {

    static final String METADATA_EXTENSION = "meta.json";
    static final String CLAIMS_FOLDER = ".claims/";
    static final String CONTENT_INDEX = AssetKeys.CONTENT_INDEX;

    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9]{1,16}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{8,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** Claims above the newest visible build that are checked one by one before listing the whole line. */
    private static final int NEWEST_PROBES = 8;
    /** Far more than any realistic number of racing deploys; stops a loop on a broken store. */
    private static final int MAX_CLAIM_ATTEMPTS = 1000;

    /** Line by line (owner, repository, branch), each newest first: the order the registry assigned. */
    private static final Comparator<AssetBuild> BY_LINE_NEWEST_FIRST = Comparator
            .comparing((AssetBuild build) -> build.id().owner())
            .thenComparing(build -> build.id().repo())
            .thenComparing(build -> build.id().branch())
            .thenComparing(Comparator.comparingInt((AssetBuild build) -> build.id().build()).reversed());

    private final ObjectStore store;
    private final DataflowLog log;
    private final Ownership ownership;
    /** Configured once and never changed: building a mapper and its serialisers is costly. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Namespace folder -> its visible builds, from one listing. */
    private final ConcurrentMap<String, NamespaceIndex> namespaceListings = new ConcurrentHashMap<>();
    /** Metadata key -> build. Metadata is immutable, so an entry never goes stale. */
    private final ConcurrentMap<String, AssetBuild> buildsByMetadataKey = new ConcurrentHashMap<>();

    public AssetRegistry(ObjectStore store, DataflowLog log) {
        this.store = Objects.requireNonNull(store, "store");
        this.log = Objects.requireNonNull(log, "log");
        this.ownership = new Ownership(store);
    }

    public ObjectStore store() {
        return store;
    }

    /** Who owns which namespace; shared with callers so that each record is read once per invocation. */
    public Ownership ownership() {
        return ownership;
    }

    /**
     * What {@link #deploy} would do with this request now, without writing: reuse the newest build of the line, or
     * store build {@code highest claimed + 1}.
     */
    public AssetPlan plan(AssetDeployRequest request) {
        validate(request);
        return planLine(request).plan();
    }

    @Override
    public AssetPlan plan(AssetType type, String namespace, GitState git, FileDigest digest, String extension,
            boolean forceBuild) {
        String lineKey = git.assetId(type, namespace, 1).lineKey();
        LineState line = readLine(lineKey);
        return AssetPlan.decide(type, namespace, git, line.newest(), line.highestClaim(), digest, extension, forceBuild);
    }

    /**
     * Stores the file as the next build of its line, or reuses the line's newest build when the bytes are
     * the same (unless {@code forceBuild}).
     */
    public AssetDeployment deploy(AssetDeployRequest request) {
        validate(request);
        GitState git = request.git();
        ownership.claimNamespace(request.type(), request.namespace(), git, System.getProperty("user.name", "unknown"),
                request.file().toString());
        String lineKey = git.assetId(request.type(), request.namespace(), 1).lineKey();
        PlannedLine planned = planLine(request);
        AssetPlan plan = planned.plan();
        FileDigest digest = plan.digest();
        if (plan.unchanged()) {
            log.debug("Bytes of " + request.file() + " equal " + plan.id() + " (sha256 " + digest.sha256()
                    + "); reusing it.");
            return new AssetDeployment(plan.reused(), true, 0);
        }

        Optional<String> storedCopy = storedContent(digest.sha256());
        String claimNonce = UUID.randomUUID().toString();
        int number = claimBuildNumber(request, lineKey, planned.highestClaim(), claimNonce);
        AssetId id = git.assetId(request.type(), request.namespace(), number);
        String key = id.objectKey(extensionOf(request.type(), request.file()));

        long bytesSent;
        if (storedCopy.isPresent()) {
            log.debug("Identical bytes already stored at " + store.locationOf(storedCopy.get()) + "; copying them to "
                    + store.locationOf(key) + " inside the store.");
            bytesSent = copyOrUpload(storedCopy.get(), key, request.file(), digest);
        } else {
            log.debug("Uploading " + digest.size() + " bytes to " + store.locationOf(key) + ".");
            store.putFile(key, request.file(), digest);
            bytesSent = digest.size();
        }

        AssetMetadata metadata = new AssetMetadata(id.format(), key, request.file().getFileName().toString(),
                digest.sha256(), digest.size(), Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                git.commit(), git.branch(), git.remoteUrl(), git.dirty(), request.mavenCoordinates(),
                ToolVersion.current(), claimNonce);
        String metadataKey = metadataKey(id);
        if (!store.createIfAbsent(metadataKey, toJson(metadata))) {
            throw new EnvironmentException("Metadata of " + id + " already exists at " + store.locationOf(metadataKey)
                    + " although this deploy claimed build " + number + ". Something else writes into "
                    + store.locationOf(lineKey) + " without claiming numbers; the registry must only be written "
                    + "by Dataflow deploys.");
        }
        // Only now, with the build visible, may others copy from it.
        store.createIfAbsent(CONTENT_INDEX + digest.sha256(), key.getBytes(StandardCharsets.UTF_8));
        namespaceListings.remove(namespaceFolder(request.type(), request.namespace()));
        AssetBuild build = toBuild(metadata);
        buildsByMetadataKey.put(metadataKey, build);
        return new AssetDeployment(build, false, bytesSent);
    }

    /** The request's plan: the line is read while the file is hashed. */
    private PlannedLine planLine(AssetDeployRequest request) {
        String lineKey = request.git().assetId(request.type(), request.namespace(), 1).lineKey();
        // The registry round trips overlap with hashing the file, which dominates an unchanged redeploy.
        CompletableFuture<LineState> lineLookup = inBackground(() -> readLine(lineKey));
        FileDigest digest = FileDigest.of(request.file());
        LineState line = await(lineLookup);
        return new PlannedLine(AssetPlan.decide(request.type(), request.namespace(), request.git(), line.newest(),
                line.highestClaim(), digest, extensionOf(request.type(), request.file()), request.forceBuild()),
                line.highestClaim());
    }

    /** A plan and the highest number claimed when it was made, where a deploy starts claiming. */
    private record PlannedLine(AssetPlan plan, int highestClaim) {}

    /**
     * {@inheritDoc}
     *
     * <p>References resolve only to builds whose bytes exist: a build {@code dataflow:gc} collected is refused with a
     * message saying so (here and in {@link #build}, {@link #newestOnLine} and {@link #find}).
     */
    @Override
    public Optional<AssetBuild> newest(AssetType type, String namespace, String branch) {
        return kept(type, namespace, ownersBuild(type, namespace, branch,
                visibleBuilds(type, namespace).newestPerLine(branch)));
    }

    @Override
    public Optional<AssetBuild> build(AssetType type, String namespace, String branch, int build) {
        return kept(type, namespace, ownersBuild(type, namespace, branch,
                visibleBuilds(type, namespace).numbered(branch, build)));
    }

    @Override
    public Optional<AssetBuild> newestOnLine(AssetType type, String namespace, String owner, String repo,
            String branch) {
        String line = BranchNames.sanitize(owner) + "/" + BranchNames.sanitize(repo);
        return kept(type, namespace, visibleBuilds(type, namespace).newestPerLine(branch).stream()
                .filter(stored -> stored.line().equals(line)).findFirst().flatMap(stored -> load(stored.metadataKey())));
    }

    @Override
    public Optional<AssetBuild> find(AssetId id) {
        return kept(id.type(), id.namespace(), load(metadataKey(id)).filter(build -> build.id().equals(id)));
    }

    @Override
    public boolean collected(AssetBuild build) {
        return visibleBuilds(build.id().type(), build.id().namespace()).collected().contains(metadataKey(build.id()));
    }

    /** The build, unless gc collected its bytes: then the reference fails and says so. */
    private Optional<AssetBuild> kept(AssetType type, String namespace, Optional<AssetBuild> build) {
        if (build.isPresent()) {
            String metadataKey = metadataKey(build.get().id());
            if (visibleBuilds(type, namespace).collected().contains(metadataKey)) {
                String when = new GcRecords(store).tombstone(metadataKey).map(GcRecords.Tombstone::describe)
                        .orElse("collected by gc");
                throw new InvalidInputException("asset build " + build.get().id() + " was " + when + " (its bytes are "
                        + "deleted; its number stays taken). Reference a build that is kept (mvn dataflow:list "
                        + "-Ddataflow.deployed -Ddataflow.namespace=" + namespace + " lists them) or deploy the asset "
                        + "again");
            }
        }
        return build;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A build whose metadata is damaged is left out with a warning naming its key: the others stay listable.
     */
    @Override
    public List<AssetBuild> list(AssetType type, String namespace) {
        List<AssetBuild> builds = new ArrayList<>();
        for (StoredBuild stored : visibleBuilds(type, namespace).builds()) {
            try {
                load(stored.metadataKey()).ifPresent(builds::add);
            } catch (DamagedRecordException e) {
                log.warn("Skipping a damaged build: " + e.getMessage());
            }
        }
        builds.sort(BY_LINE_NEWEST_FIRST);
        return builds;
    }

    /** Every namespace with a visible build of this type, sorted; lists the type's whole folder. */
    public List<String> namespaces(AssetType type) {
        java.util.SortedSet<String> namespaces = new java.util.TreeSet<>();
        for (String key : store.list(type.directory() + "/")) {
            AssetKeys.parse(key).filter(parsed -> parsed.kind() == AssetKeys.Kind.METADATA)
                    .ifPresent(metadata -> namespaces.add(metadata.namespace()));
        }
        return List.copyOf(namespaces);
    }

    /**
     * The build whose metadata is stored at {@code metadataKey}, read once per instance.
     *
     * @return empty when no such key exists
     * @throws DamagedRecordException when the key exists but holds no readable metadata of that build
     */
    public Optional<AssetBuild> buildAt(String metadataKey) {
        return load(metadataKey);
    }

    private void validate(AssetDeployRequest request) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(request.type(), "type");
        Objects.requireNonNull(request.git(), "git");
        Objects.requireNonNull(request.file(), "file");
        Namespaces.validate(request.namespace(), "the configuration of asset " + request.file());
        if (!Files.isRegularFile(request.file())) {
            throw new InvalidInputException("Asset file " + request.file() + " does not exist or is not a file. "
                    + "Build it before deploying (e.g. mvn package) or fix the configured path.");
        }
    }

    /**
     * Reads only the line's claims, not its (possibly thousands of) builds: claims are numbered 1..N without
     * gaps, each names its commit, and the commit gives the metadata key of that number.
     */
    private LineState readLine(String lineKey) {
        int highest = 0;
        for (String claim : store.list(lineKey + CLAIMS_FOLDER)) {
            highest = Math.max(highest, AssetKeys.parse(claim).filter(parsed -> parsed.kind() == AssetKeys.Kind.CLAIM)
                    .map(AssetKeys.AssetKey::build).orElse(0));
        }
        return new LineState(highest, newestOfLine(lineKey, highest));
    }

    /**
     * The line's visible build with the highest number: the one an unchanged redeploy reuses. Numbers above
     * it belong to deploys in progress or dead; after a few of those, one listing of the line is cheaper.
     */
    private Optional<AssetBuild> newestOfLine(String lineKey, int highest) {
        try {
            for (int number = highest; number >= 1 && number > highest - NEWEST_PROBES; number--) {
                int build = number;
                Optional<AssetBuild> found = claimedCommit(lineKey, number)
                        .flatMap(commit -> load(AssetKeys.metadataKey(lineKey, commit, build)));
                if (found.isPresent()) {
                    return found;
                }
            }
            return highest <= NEWEST_PROBES ? Optional.empty() : newestListed(lineKey);
        } catch (DamagedRecordException e) {
            // Reusing an older build would leave the damaged one the newest; a new build replaces it.
            log.warn("The newest build of " + store.locationOf(lineKey) + " cannot be reused: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<AssetBuild> newestListed(String lineKey) {
        int newest = 0;
        String newestKey = null;
        for (String key : store.list(lineKey)) {
            Optional<AssetKeys.AssetKey> metadata = AssetKeys.parse(key)
                    .filter(parsed -> parsed.kind() == AssetKeys.Kind.METADATA && parsed.lineKey().equals(lineKey));
            if (metadata.isPresent() && metadata.get().build() > newest) {
                newest = metadata.get().build();
                newestKey = key;
            }
        }
        return newestKey == null ? Optional.empty() : load(newestKey);
    }

    /** The short commit a claim was made for, when the claim is readable. */
    private Optional<String> claimedCommit(String lineKey, int number) {
        return store.read(AssetKeys.claimKey(lineKey, number)).flatMap(bytes -> {
            try {
                String commit = JSON.readTree(bytes).path("commit").asText("");
                return COMMIT.matcher(commit).matches() ? Optional.of(commit.substring(0, 8)) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty(); // a damaged claim only means its number shows no build
            }
        });
    }

    /**
     * Takes the first free number above {@code highest} by creating its claim key; a concurrent deploy that
     * took a number makes us try the next one. Never a compare-and-swap on a shared key. The claim carries this
     * deploy's nonce, and {@link ObjectStore#createIfAbsent} confirms the stored claim holds it before answering
     * {@code true}: a deploy whose claim a racer overwrote (a server that applies conditions late) moves on.
     */
    private int claimBuildNumber(AssetDeployRequest request, String lineKey, int highest, String nonce) {
        int number = highest + 1;
        for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++, number++) {
            Map<String, Object> claim = new LinkedHashMap<>();
            claim.put("build", number);
            claim.put("commit", request.git().commit());
            claim.put("claimedAt", Instant.now().toString());
            claim.put("nonce", nonce);
            if (store.createIfAbsent(AssetKeys.claimKey(lineKey, number), toJson(claim))) {
                log.debug("Claimed build number " + number + " in " + store.locationOf(lineKey) + ".");
                return number;
            }
        }
        throw new EnvironmentException("Could not claim a build number in " + store.locationOf(lineKey) + " after "
                + MAX_CLAIM_ATTEMPTS + " attempts: every number was taken. Check that the store honours "
                + "create-if-absent writes.");
    }

    /**
     * Copies identical bytes inside the store; when the source went away meanwhile (dataflow:gc collected it), sends
     * the file instead.
     *
     * @return the bytes sent
     */
    private long copyOrUpload(String source, String key, Path file, FileDigest digest) {
        try {
            store.copy(source, key, digest);
            return 0;
        } catch (RuntimeException e) {
            if (store.exists(source)) {
                throw e;
            }
            log.debug("The copy source " + store.locationOf(source) + " was deleted meanwhile; uploading instead.");
            store.putFile(key, file, digest);
            return digest.size();
        }
    }

    /** A stored object with these bytes that is safe to copy from, if the content index knows one. */
    private Optional<String> storedContent(String sha256) {
        return store.read(CONTENT_INDEX + sha256)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8).trim())
                .filter(store::exists);
    }

    private NamespaceIndex visibleBuilds(AssetType type, String namespace) {
        if (type == null || !Namespaces.isValid(namespace)) {
            return NamespaceIndex.EMPTY; // nothing can be stored under an invalid namespace
        }
        return namespaceListings.computeIfAbsent(namespaceFolder(type, namespace), this::listVisibleBuilds);
    }

    private NamespaceIndex listVisibleBuilds(String namespaceFolder) {
        Set<String> collected = new GcRecords(store).collectedUnder(namespaceFolder);
        List<StoredBuild> builds = new ArrayList<>();
        for (String key : store.list(namespaceFolder)) {
            AssetKeys.parse(key).filter(parsed -> parsed.kind() == AssetKeys.Kind.METADATA).ifPresent(metadata -> {
                // <owner>/<repo>/<branch>/ below the namespace folder
                String[] line = metadata.lineKey().substring(namespaceFolder.length()).split("/");
                builds.add(new StoredBuild(line[0] + "/" + line[1], line[2], metadata.build(), key));
            });
        }
        return new NamespaceIndex(builds, collected);
    }

    /**
     * The candidate (at most one per owner/repo line) of the namespace's owner. A namespace nobody claimed yet (a
     * registry written before ownership records) resolves only while a single repository has builds on the branch:
     * with several there is no rule that is not a guess, so the reference fails and says what to do.
     */
    private Optional<AssetBuild> ownersBuild(AssetType type, String namespace, String branch,
            Collection<StoredBuild> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Optional<Ownership.Owner> owner = ownership.owner(Ownership.Kind.NAMESPACE, namespace);
        if (owner.isPresent()) {
            String line = owner.get().line();
            return candidates.stream().filter(stored -> stored.line().equals(line)).findFirst()
                    .flatMap(stored -> load(stored.metadataKey()));
        }
        if (candidates.size() > 1) {
            throw new InvalidInputException("namespace '" + namespace + "' has builds on branch '" + branch
                    + "' from several repositories (" + candidates.stream().map(StoredBuild::line).sorted()
                    .collect(java.util.stream.Collectors.joining(", ")) + ") and no owner yet, so '" + type.id()
                    + "' references to it cannot choose between them. Deploy it once from the repository it belongs"
                    + " to (the first deploy claims it), or reference one build by its full UUID");
        }
        return load(candidates.iterator().next().metadataKey());
    }

    private Optional<AssetBuild> load(String metadataKey) {
        AssetBuild cached = buildsByMetadataKey.get(metadataKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<AssetBuild> build = store.read(metadataKey).map(bytes -> parseMetadata(metadataKey, bytes));
        build.ifPresent(found -> buildsByMetadataKey.put(metadataKey, found));
        return build;
    }

    private AssetBuild parseMetadata(String metadataKey, byte[] bytes) {
        try {
            AssetMetadata metadata = JSON.readValue(bytes, AssetMetadata.class);
            if (metadata.id() == null || metadata.key() == null || metadata.sha256() == null
                    || metadata.createdAt() == null) {
                throw new IOException("id, key, sha256 or createdAt is missing");
            }
            if (!SHA256.matcher(metadata.sha256()).matches() || metadata.size() < 0) {
                throw new IOException("sha256 '" + metadata.sha256() + "' or size " + metadata.size() + " is invalid");
            }
            AssetBuild build = toBuild(metadata);
            if (!metadataKey(build.id()).equals(metadataKey)) {
                throw new IOException("it describes " + build.id() + ", which belongs elsewhere");
            }
            return build;
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new DamagedRecordException(metadataKey, reason, "Registry metadata " + store.locationOf(metadataKey)
                    + " is damaged (" + reason + "), so that build cannot be used. Registry objects are never "
                    + "edited: restore it from a backup, or deploy the asset again so that a new build becomes the "
                    + "newest; mvn dataflow:check-registry lists every damaged record.", e);
        }
    }

    private AssetBuild toBuild(AssetMetadata metadata) {
        return new AssetBuild(AssetId.parse(metadata.id()), metadata.key(), store.locationOf(metadata.key()),
                metadata.sha256(), metadata.size(), Instant.parse(metadata.createdAt()), metadata.commit(),
                metadata.branch());
    }

    private byte[] toJson(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Registry records are plain values and always serialise", e);
        }
    }

    /** The key of the metadata that makes build {@code id} visible. */
    public static String metadataKey(AssetId id) {
        return id.objectKey(METADATA_EXTENSION);
    }

    private static String namespaceFolder(AssetType type, String namespace) {
        return type.directory() + "/" + namespace + "/";
    }

    /** The stored object keeps the file's own extension ({@code .jar}, {@code .whl}, {@code .sql}). */
    public static String extensionOf(AssetType type, Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot + 1) : "";
        return EXTENSION.matcher(extension).matches() ? extension.toLowerCase(Locale.ROOT) : type.defaultExtension();
    }

    private static <T> CompletableFuture<T> inBackground(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, runnable -> {
            Thread thread = new Thread(runnable, "dataflow-registry-lookup");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** The highest claimed number of a line and its newest visible build. */
    private record LineState(int highestClaim, Optional<AssetBuild> newest) {}

    /** A visible build found by listing, before its metadata is read. */
    private record StoredBuild(String line, String branch, int build, String metadataKey) {}

    /**
     * The visible builds of one namespace, indexed so that resolving a reference costs a map lookup even
     * with thousands of builds (a workflow deploy resolves many references against the same namespaces).
     */
    private static final class NamespaceIndex {

        static final NamespaceIndex EMPTY = new NamespaceIndex(List.of(), Set.of());

        private final List<StoredBuild> builds;
        /** Metadata keys of builds whose bytes gc collected. */
        private final Set<String> collected;
        /** branch -> (owner/repo -> highest-numbered build); usually one line per branch. */
        private final Map<String, Map<String, StoredBuild>> newestPerLine = new HashMap<>();
        /** branch + '/' + number -> builds (one per line). */
        private final Map<String, List<StoredBuild>> numbered = new HashMap<>();

        NamespaceIndex(List<StoredBuild> builds, Set<String> collected) {
            this.builds = List.copyOf(builds);
            this.collected = Set.copyOf(collected);
            for (StoredBuild build : builds) {
                newestPerLine.computeIfAbsent(build.branch(), branch -> new HashMap<>())
                        .merge(build.line(), build, (a, b) -> a.build() >= b.build() ? a : b);
                numbered.computeIfAbsent(build.branch() + "/" + build.build(), key -> new ArrayList<>()).add(build);
            }
        }

        List<StoredBuild> builds() {
            return builds;
        }

        Set<String> collected() {
            return collected;
        }

        Collection<StoredBuild> newestPerLine(String branch) {
            return newestPerLine.getOrDefault(branch, Map.of()).values();
        }

        List<StoredBuild> numbered(String branch, int number) {
            return numbered.getOrDefault(branch + "/" + number, List.of());
        }
    }
}
