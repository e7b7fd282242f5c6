package io.dataflow.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.AssetId;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.identity.Namespaces;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
 * <p>One instance serves one Maven invocation: it caches the listing of every namespace it reads, and
 * forgets a namespace's listing when it deploys into it.
 */
public final class AssetRegistry implements AssetCatalog {

    static final String METADATA_EXTENSION = "meta.json";
    static final String CLAIMS_FOLDER = ".claims/";
    static final String CONTENT_INDEX = ".index/sha256/";

    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9]{1,16}");
    private static final Pattern BUILD_NUMBER = Pattern.compile("[1-9][0-9]{0,8}");
    private static final String METADATA_SUFFIX = "." + METADATA_EXTENSION;
    /** Far more than any realistic number of racing deploys; stops a loop on a broken store. */
    private static final int MAX_CLAIM_ATTEMPTS = 1000;

    private static final Comparator<AssetBuild> NEWEST_FIRST = Comparator
            .comparing(AssetBuild::createdAt)
            .thenComparingInt(build -> build.id().build())
            .reversed();

    private final ObjectStore store;
    private final DataflowLog log;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Namespace folder -> its visible builds, from one listing. */
    private final ConcurrentMap<String, List<StoredBuild>> namespaceListings = new ConcurrentHashMap<>();
    /** Metadata key -> build. Metadata is immutable, so an entry never goes stale. */
    private final ConcurrentMap<String, AssetBuild> buildsByMetadataKey = new ConcurrentHashMap<>();

    public AssetRegistry(ObjectStore store, DataflowLog log) {
        this.store = Objects.requireNonNull(store, "store");
        this.log = Objects.requireNonNull(log, "log");
    }

    public ObjectStore store() {
        return store;
    }

    /**
     * Stores the file as the next build of its line, or reuses the line's newest build when the bytes are
     * the same (unless {@code forceBuild}).
     */
    public AssetDeployment deploy(AssetDeployRequest request) {
        validate(request);
        GitState git = request.git();
        String lineKey = git.assetId(request.type(), request.namespace(), 1).lineKey();
        // The registry round trips overlap with hashing the file, which dominates an unchanged redeploy.
        CompletableFuture<LineState> lineLookup = inBackground(() -> readLine(lineKey));
        FileDigest digest = FileDigest.of(request.file());
        LineState line = await(lineLookup);

        Optional<AssetBuild> newest = line.newest();
        if (!request.forceBuild() && newest.isPresent() && newest.get().sha256().equals(digest.sha256())) {
            log.debug("Bytes of " + request.file() + " equal " + newest.get().id() + " (sha256 " + digest.sha256()
                    + "); reusing it.");
            return new AssetDeployment(newest.get(), true, 0);
        }

        Optional<String> storedCopy = storedContent(digest.sha256());
        String claimNonce = UUID.randomUUID().toString();
        int number = claimBuildNumber(request, lineKey, highestNumber(lineKey, line.keys()), claimNonce);
        AssetId id = git.assetId(request.type(), request.namespace(), number);
        String key = id.objectKey(extensionOf(request.type(), request.file()));

        long bytesSent;
        if (storedCopy.isPresent()) {
            log.debug("Identical bytes already stored at " + store.locationOf(storedCopy.get()) + "; copying them to "
                    + store.locationOf(key) + " inside the store.");
            store.copy(storedCopy.get(), key);
            bytesSent = 0;
        } else {
            log.debug("Uploading " + digest.size() + " bytes to " + store.locationOf(key) + ".");
            store.putFile(key, request.file());
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

    @Override
    public Optional<AssetBuild> newest(AssetType type, String namespace, String branch) {
        Map<String, StoredBuild> newestPerLine = visibleBuilds(type, namespace).stream()
                .filter(stored -> stored.branch().equals(branch))
                .collect(Collectors.toMap(StoredBuild::line, Function.identity(),
                        (a, b) -> a.build() >= b.build() ? a : b, LinkedHashMap::new));
        return newestOf(newestPerLine.values());
    }

    @Override
    public Optional<AssetBuild> build(AssetType type, String namespace, String branch, int build) {
        return newestOf(visibleBuilds(type, namespace).stream()
                .filter(stored -> stored.branch().equals(branch) && stored.build() == build)
                .toList());
    }

    @Override
    public Optional<AssetBuild> find(AssetId id) {
        return load(metadataKey(id)).filter(build -> build.id().equals(id));
    }

    @Override
    public List<AssetBuild> list(AssetType type, String namespace) {
        List<AssetBuild> builds = new ArrayList<>();
        for (StoredBuild stored : visibleBuilds(type, namespace)) {
            load(stored.metadataKey()).ifPresent(builds::add);
        }
        builds.sort(NEWEST_FIRST);
        return builds;
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

    private LineState readLine(String lineKey) {
        List<String> keys = store.list(lineKey);
        return new LineState(keys, newestOfLine(lineKey, keys));
    }

    /** The line's visible build with the highest number: the one an unchanged redeploy reuses. */
    private Optional<AssetBuild> newestOfLine(String lineKey, List<String> lineKeys) {
        int newest = 0;
        String newestKey = null;
        for (String key : lineKeys) {
            String relative = key.substring(lineKey.length());
            int slash = relative.indexOf('/');
            if (slash > 0 && relative.charAt(0) != '.' && relative.endsWith(METADATA_SUFFIX)) {
                int number = buildNumber(relative.substring(slash + 1, relative.length() - METADATA_SUFFIX.length()));
                if (number > newest) {
                    newest = number;
                    newestKey = key;
                }
            }
        }
        return newestKey == null ? Optional.empty() : load(newestKey);
    }

    /** Highest number claimed or visible in the line (0 when none). */
    private static int highestNumber(String lineKey, List<String> lineKeys) {
        int highest = 0;
        for (String key : lineKeys) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            String number = key.startsWith(lineKey + CLAIMS_FOLDER) ? name
                    : name.endsWith(METADATA_SUFFIX) ? name.substring(0, name.length() - METADATA_SUFFIX.length())
                    : "";
            highest = Math.max(highest, buildNumber(number));
        }
        return highest;
    }

    /**
     * Takes the first free number above {@code highest} by creating its claim key; a concurrent deploy that
     * took a number makes us try the next one. Never a compare-and-swap on a shared key.
     */
    private int claimBuildNumber(AssetDeployRequest request, String lineKey, int highest, String nonce) {
        int number = highest + 1;
        for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++, number++) {
            Map<String, Object> claim = new LinkedHashMap<>();
            claim.put("build", number);
            claim.put("commit", request.git().commit());
            claim.put("claimedAt", Instant.now().toString());
            claim.put("nonce", nonce);
            if (store.createIfAbsent(lineKey + CLAIMS_FOLDER + number, toJson(claim))) {
                log.debug("Claimed build number " + number + " in " + store.locationOf(lineKey) + ".");
                return number;
            }
        }
        throw new EnvironmentException("Could not claim a build number in " + store.locationOf(lineKey) + " after "
                + MAX_CLAIM_ATTEMPTS + " attempts: every number was taken. Check that the store honours "
                + "create-if-absent writes.");
    }

    /** A stored object with these bytes that is safe to copy from, if the content index knows one. */
    private Optional<String> storedContent(String sha256) {
        return store.read(CONTENT_INDEX + sha256)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8).trim())
                .filter(store::exists);
    }

    private List<StoredBuild> visibleBuilds(AssetType type, String namespace) {
        if (type == null || !Namespaces.isValid(namespace)) {
            return List.of(); // nothing can be stored under an invalid namespace
        }
        return namespaceListings.computeIfAbsent(namespaceFolder(type, namespace), this::listVisibleBuilds);
    }

    private List<StoredBuild> listVisibleBuilds(String namespaceFolder) {
        List<StoredBuild> builds = new ArrayList<>();
        for (String key : store.list(namespaceFolder)) {
            String[] parts = key.substring(namespaceFolder.length()).split("/", -1);
            // <owner>/<repo>/<branch>/<commit>/<n>.meta.json; claims live in '.claims' and never match
            if (parts.length == 5 && parts[4].endsWith(METADATA_SUFFIX) && !parts[3].startsWith(".")) {
                int number = buildNumber(parts[4].substring(0, parts[4].length() - METADATA_SUFFIX.length()));
                if (number > 0) {
                    builds.add(new StoredBuild(parts[0] + "/" + parts[1], parts[2], number, key));
                }
            }
        }
        return List.copyOf(builds);
    }

    private Optional<AssetBuild> newestOf(java.util.Collection<StoredBuild> candidates) {
        return candidates.stream()
                .map(stored -> load(stored.metadataKey()))
                .flatMap(Optional::stream)
                .min(NEWEST_FIRST);
    }

    private Optional<AssetBuild> load(String metadataKey) {
        AssetBuild cached = buildsByMetadataKey.get(metadataKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<AssetBuild> build = store.read(metadataKey).map(bytes -> toBuild(parseMetadata(metadataKey, bytes)));
        build.ifPresent(found -> buildsByMetadataKey.put(metadataKey, found));
        return build;
    }

    private AssetMetadata parseMetadata(String metadataKey, byte[] bytes) {
        try {
            AssetMetadata metadata = json.readValue(bytes, AssetMetadata.class);
            if (metadata.id() == null || metadata.key() == null || metadata.sha256() == null
                    || metadata.createdAt() == null) {
                throw new IOException("id, key, sha256 or createdAt is missing");
            }
            return metadata;
        } catch (IOException e) {
            throw new EnvironmentException("Registry metadata " + store.locationOf(metadataKey) + " is damaged ("
                    + e.getMessage() + "). Registry objects are never edited; restore it from a backup or remove "
                    + "the build's files.", e);
        }
    }

    private AssetBuild toBuild(AssetMetadata metadata) {
        return new AssetBuild(AssetId.parse(metadata.id()), metadata.key(), store.locationOf(metadata.key()),
                metadata.sha256(), metadata.size(), Instant.parse(metadata.createdAt()), metadata.commit(),
                metadata.branch());
    }

    private byte[] toJson(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Registry records are plain values and always serialise", e);
        }
    }

    static String metadataKey(AssetId id) {
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

    private static int buildNumber(String text) {
        return BUILD_NUMBER.matcher(text).matches() ? Integer.parseInt(text) : 0;
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

    /** Every key of a line (claims, bytes, metadata) and its newest visible build. */
    private record LineState(List<String> keys, Optional<AssetBuild> newest) {}

    /** A visible build found by listing, before its metadata is read. */
    private record StoredBuild(String line, String branch, int build, String metadataKey) {}
}
