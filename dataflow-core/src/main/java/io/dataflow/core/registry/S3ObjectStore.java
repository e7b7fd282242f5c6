package io.dataflow.core.registry;

import io.dataflow.core.DataflowException;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.DownloadObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import io.minio.UploadPartResponse;
import io.minio.credentials.AwsConfigProvider;
import io.minio.credentials.AwsEnvironmentProvider;
import io.minio.credentials.ChainedProvider;
import io.minio.credentials.Provider;
import io.minio.credentials.StaticProvider;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.messages.Item;
import io.minio.messages.ListMultipartUploadsResult;
import io.minio.messages.Part;
import io.minio.messages.Upload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A registry in an S3-compatible bucket (AWS S3, MinIO, S3Proxy, ...) under an optional key prefix, through
 * the MinIO Java client.
 *
 * <p>Create-if-absent is a single-part PUT with {@code If-None-Match: *}; before the first write of an
 * instance the endpoint is probed once to prove that it refuses a second such PUT (a marker object records a
 * passed probe, so later runs skip it), and every created record is read back and compared before it counts.
 * Every request is safe to repeat and is retried on 5xx/SlowDown answers and broken connections, with
 * jittered exponential backoff in a bounded time. Uploads carry {@code x-amz-checksum-sha256} of the digest
 * the caller computed, which the server verifies; copies are checked (size, checksum) before they count.
 *
 * <p>Every failure is translated into an {@link InvalidInputException} (wrong bucket, wrong credentials, bad
 * endpoint) or an {@link EnvironmentException} (unreachable, server error); the secret key never appears in
 * either.
 */
public final class S3ObjectStore implements ObjectStore {

    /**
     * Files up to this size go up in one PUT streamed from the file: no multipart round trips and no
     * server-side assembly of parts, which measured faster than parallel parts on a loopback server.
     */
    static final long SINGLE_PUT_LIMIT = 64L * 1024 * 1024;
    /** Larger files go up in parts of this size, read into memory and sent concurrently. */
    static final int PART_SIZE = 16 * 1024 * 1024;
    static final int PARALLEL_PARTS = 4;
    private static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** Store-internal objects: the conditional-write marker and probe objects. Never assets or records. */
    static final String INTERNAL_PREFIX = ".dataflow/";
    static final String MARKER_PREFIX = INTERNAL_PREFIX + "conditional-writes-";
    static final String PROBE_PREFIX = INTERNAL_PREFIX + "probe-";

    private static final String CHECKSUM_SHA256 = "x-amz-checksum-sha256";
    private static final Map<String, String> CHECKSUM_MODE = Map.of("x-amz-checksum-mode", "ENABLED");
    private static final Pattern PLAIN_ETAG = Pattern.compile("\"?([0-9a-fA-F]{32})\"?");
    private static final Pattern RESPONSE_CODE = Pattern.compile("Response code: (\\d{3})");
    private static final String AWS_ENDPOINT = "https://s3.amazonaws.com";
    private static final Set<String> CREDENTIAL_ERRORS = Set.of("AccessDenied", "SignatureDoesNotMatch",
            "InvalidAccessKeyId", "InvalidToken", "ExpiredToken", "InvalidSecurity", "AuthorizationHeaderMalformed");
    private static final Set<String> TRANSIENT_ERRORS = Set.of("SlowDown", "InternalError", "ServiceUnavailable",
            "RequestTimeout", "OperationAborted");
    private static final Set<String> DIGEST_ERRORS = Set.of("BadDigest", "XAmzContentSHA256Mismatch",
            "InvalidDigest");

    private final String bucket;
    private final String prefix;
    private final long singlePutLimit;
    private final int partSize;
    private final String endpoint;
    private final String region;
    private final String credentialSource;
    private final Backoff backoff;
    private final OkHttpClient http;
    private final MinioClient client;
    private final MinioAsyncClient asyncClient;
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicInteger retries = new AtomicInteger();
    /** Set once the endpoint answered anything; before that a refused connection fails fast instead of retrying. */
    private volatile boolean reachable;
    private volatile boolean conditionalWritesVerified;
    private final Object probeLock = new Object();

    /**
     * @param bucket an existing bucket
     * @param prefix key prefix without leading or trailing '/', or empty
     */
    public S3ObjectStore(String bucket, String prefix, RegistrySettings settings) {
        this(bucket, prefix, settings, SINGLE_PUT_LIMIT, PART_SIZE, Backoff.DEFAULT);
    }

    /** With other upload sizes, so that tests can exercise multipart uploads with small files. */
    S3ObjectStore(String bucket, String prefix, RegistrySettings settings, long singlePutLimit, int partSize) {
        this(bucket, prefix, settings, singlePutLimit, partSize, Backoff.DEFAULT);
    }

    S3ObjectStore(String bucket, String prefix, RegistrySettings settings, long singlePutLimit, int partSize,
            Backoff backoff) {
        this.singlePutLimit = singlePutLimit;
        this.partSize = partSize;
        this.backoff = backoff;
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() ? "" : prefix + "/";
        this.endpoint = settings.endpoint() == null || settings.endpoint().isBlank()
                ? AWS_ENDPOINT : settings.endpoint().trim();
        this.region = settings.region() == null || settings.region().isBlank() ? null : settings.region().trim();
        this.credentialSource = settings.credentials() != null
                ? "the settings.xml <server> named by dataflow.serverId"
                : "the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY environment variables or the ~/.aws/credentials profile";
        HttpUrl url = HttpUrl.parse(endpoint);
        if (url == null || !(url.encodedPath().equals("/") || url.encodedPath().isEmpty())) {
            throw new InvalidInputException("Invalid dataflow.s3.endpoint '" + endpoint + "': expected a URL such as "
                    + "http://127.0.0.1:9000 or https://s3.eu-west-1.amazonaws.com (scheme, host, optional port, "
                    + "no path).");
        }
        this.http = httpClient(settings.timeout());
        Provider provider = credentialsProvider(settings.credentials());
        try {
            MinioAsyncClient.Builder asyncBuilder = MinioAsyncClient.builder().endpoint(url).credentialsProvider(provider)
                    .httpClient(http);
            MinioClient.Builder builder = MinioClient.builder().endpoint(url).credentialsProvider(provider).httpClient(http);
            if (region != null) {
                asyncBuilder.region(region);
                builder.region(region);
            }
            this.asyncClient = asyncBuilder.build();
            this.client = builder.build();
        } catch (IllegalArgumentException e) {
            close();
            throw new InvalidInputException("Invalid dataflow.s3.endpoint '" + endpoint + "' or dataflow.s3.region '"
                    + region + "': " + e.getMessage() + ".", e);
        }
    }

    private static OkHttpClient httpClient(Duration timeout) {
        Dispatcher dispatcher = new Dispatcher();
        // OkHttp allows 5 concurrent requests per host by default; parts go up in parallel.
        dispatcher.setMaxRequestsPerHost(4 * PARALLEL_PARTS);
        dispatcher.setMaxRequests(4 * PARALLEL_PARTS);
        long millis = timeout.toMillis();
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(millis, TimeUnit.MILLISECONDS)
                // A part upload is answered only once the server has stored it: allow it a few times longer.
                .readTimeout(6 * millis, TimeUnit.MILLISECONDS)
                .writeTimeout(6 * millis, TimeUnit.MILLISECONDS)
                // Every retry is ours, so a conditional PUT that may have been applied is always known as such.
                .retryOnConnectionFailure(false)
                .build();
    }

    private Provider credentialsProvider(S3Credentials credentials) {
        Provider provider = credentials != null
                ? new StaticProvider(credentials.accessKey(), credentials.secretKey(), null)
                : new ChainedProvider(new AwsEnvironmentProvider(), new AwsConfigProvider(null, null));
        try {
            provider.fetch(); // fail now, with a clear message, rather than on the first request
        } catch (RuntimeException e) {
            // MinIO's providers signal "nothing found" with ProviderException, NullPointerException or
            // IllegalStateException depending on what is missing.
            close();
            throw new InvalidInputException("No S3 credentials found for registry " + root() + ". Put them in a "
                    + "settings.xml <server> whose id is dataflow.serverId (default 'dataflow'), or set "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure a ~/.aws/credentials profile.");
        }
        return provider;
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public String root() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix.substring(0, prefix.length() - 1));
    }

    @Override
    public String locationOf(String key) {
        return "s3://" + bucket + "/" + object(key);
    }

    @Override
    public boolean createIfAbsent(String key, byte[] content) {
        ObjectStore.requireRecordSize(locationOf(key), content);
        requireConditionalWrites();
        return putIfAbsent(key, content);
    }

    /**
     * One conditional PUT, retried when it may not have arrived. A 412 after an attempt that may have been
     * applied can be the answer to our own earlier write, and a 200 from a server that does not apply the
     * condition atomically can be overwritten by a racer: in both cases the stored bytes (which carry the
     * caller's nonce) decide.
     */
    private boolean putIfAbsent(String key, byte[] content) {
        Backoff.Attempts attempts = backoff.start();
        boolean mayHaveBeenApplied = false;
        while (true) {
            try {
                client.putObject(PutObjectArgs.builder().bucket(bucket).object(object(key))
                        // A part size of at least the payload keeps the PUT single-part, where If-None-Match holds.
                        .stream(new ByteArrayInputStream(content), content.length, MIN_PART_SIZE)
                        .headers(Map.of("If-None-Match", "*", CHECKSUM_SHA256, FileDigest.of(content).sha256Base64()))
                        .build());
                reachable = true;
                return storedBytesEqual(key, content);
            } catch (Exception e) {
                Throwable cause = unwrap(e);
                if (cause instanceof ErrorResponseException response) {
                    reachable = true;
                    if (status(response) == 412 || "PreconditionFailed".equals(response.errorResponse().code())) {
                        return mayHaveBeenApplied && storedBytesEqual(key, content);
                    }
                    if (status(response) == 409 && attempts.pauseBeforeRetry()) {
                        retries.incrementAndGet();
                        continue; // AWS: two conditional writes of one key overlapped; neither was applied yet
                    }
                }
                if (isTransient(cause) && attempts.pauseBeforeRetry()) {
                    retries.incrementAndGet();
                    mayHaveBeenApplied = true;
                    continue;
                }
                throw failure("create", key, cause, attempts.attempts());
            }
        }
    }

    private boolean storedBytesEqual(String key, byte[] content) {
        byte[] stored = read(key).orElseThrow(() -> new EnvironmentException("The S3 endpoint " + endpoint
                + " acknowledged the creation of " + locationOf(key) + " but the object cannot be read back; the "
                + "endpoint does not keep what it acknowledges, so the registry cannot be used there."));
        return Arrays.equals(stored, content);
    }

    /**
     * Proves, once per registry and endpoint, that the endpoint refuses a second create-if-absent PUT of one key.
     * Build numbers, versions and activations all rest on that; an endpoint that ignores the header (older
     * MinIO, some gateways and proxies) would hand two deploys the same number without anyone noticing.
     */
    private void requireConditionalWrites() {
        if (conditionalWritesVerified) {
            return;
        }
        synchronized (probeLock) {
            if (conditionalWritesVerified) {
                return;
            }
            String marker = conditionalWritesMarker();
            if (read(marker).isEmpty()) {
                probeConditionalWrites();
                String record = "{\"endpoint\":\"" + endpointWithoutUserInfo() + "\",\"verifiedAt\":\""
                        + Instant.now() + "\",\"toolVersion\":\"" + ToolVersion.current() + "\"}";
                putIfAbsent(marker, record.getBytes(StandardCharsets.UTF_8)); // a racing probe may have written it
            }
            conditionalWritesVerified = true;
        }
    }

    @Override
    public Optional<String> firstWriteCheck() {
        if (conditionalWritesVerified || read(conditionalWritesMarker()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("the first deploy to " + endpointWithoutUserInfo() + " checks that the endpoint refuses a"
                + " second create-if-absent write of one key (it writes and deletes a probe object, then records "
                + locationOf(conditionalWritesMarker()) + "); plan did not check.");
    }

    private String conditionalWritesMarker() {
        return MARKER_PREFIX + endpointFingerprint() + ".json";
    }

    private void probeConditionalWrites() {
        String probe = PROBE_PREFIX + UUID.randomUUID();
        byte[] first = ("first write of " + probe).getBytes(StandardCharsets.UTF_8);
        byte[] second = ("second write of " + probe).getBytes(StandardCharsets.UTF_8);
        boolean refused;
        try {
            if (!putIfAbsent(probe, first)) {
                throw new EnvironmentException("The S3 endpoint " + endpoint + " reported the new probe object "
                        + locationOf(probe) + " as existing; the endpoint does not behave like S3.");
            }
            boolean secondCreated = putIfAbsent(probe, second);
            refused = !secondCreated && read(probe).map(bytes -> Arrays.equals(bytes, first)).orElse(false);
        } finally {
            deleteQuietly(probe);
        }
        if (!refused) {
            throw new InvalidInputException("The S3 endpoint " + endpoint + " does not support conditional writes: "
                    + "it accepted a second PUT with 'If-None-Match: *' of the probe object " + locationOf(probe)
                    + " instead of answering 412 Precondition Failed. Dataflow allocates build numbers, workflow "
                    + "versions and activations with such writes, so on this endpoint two deploys could silently "
                    + "get the same number. Nothing was deployed. Use an endpoint that honours If-None-Match on PUT "
                    + "(AWS S3, current MinIO or S3Proxy releases), not a proxy or gateway that drops the header, "
                    + "or set dataflow.registry to a file:// registry.");
        }
    }

    /** The endpoint as stored in the marker: never a user name or password someone put into the URL. */
    private String endpointWithoutUserInfo() {
        HttpUrl url = HttpUrl.parse(endpoint);
        return url == null ? "" : url.newBuilder().username("").password("").build().toString().replace("\"", "");
    }

    private String endpointFingerprint() {
        MessageDigest digest = FileDigest.sha256Digest();
        return HexFormat.of().formatHex(digest.digest(endpointWithoutUserInfo().getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16);
    }

    @Override
    public void putFile(String key, Path file, FileDigest expected) {
        requireConditionalWrites();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read " + file + " to upload it: " + e, e);
        }
        if (size != expected.size()) {
            throw fileChanged(file, key, "now " + size + " bytes", expected);
        }
        try {
            if (size <= singlePutLimit) {
                putWhole(key, file, expected);
            } else {
                putInParallelParts(key, file, expected);
            }
        } catch (DataflowException e) {
            throw e;
        } catch (Exception e) {
            throw failure("upload " + file + " to", key, e, 1);
        }
        bytesSent.addAndGet(size);
    }

    private void putWhole(String key, Path file, FileDigest expected) throws Exception {
        ObjectWriteResponse response = retrying("upload " + file + " to", key, () -> client.uploadObject(
                UploadObjectArgs.builder().bucket(bucket).object(object(key))
                        .filename(file.toString(), Math.max(expected.size(), MIN_PART_SIZE))
                        .headers(Map.of(CHECKSUM_SHA256, expected.sha256Base64()))
                        .build()));
        String verified = response.headers().get(CHECKSUM_SHA256);
        if (verified != null) {
            if (!verified.equals(expected.sha256Base64())) {
                throw fileChanged(file, key, "the server stored sha256 " + hexOf(verified), expected);
            }
            return;
        }
        // The server ignored the checksum header; for a single PUT its ETag is the MD5 of what it stored.
        Digests local = Digests.of(file);
        if (!local.sha256().equals(expected.sha256())) {
            throw fileChanged(file, key, "now sha256 " + local.sha256(), expected);
        }
        Matcher etag = PLAIN_ETAG.matcher(response.etag() == null ? "" : response.etag());
        if (etag.matches() && !etag.group(1).equalsIgnoreCase(local.md5())) {
            throw new EnvironmentException("The S3 endpoint " + endpoint + " stored other bytes than were sent to "
                    + locationOf(key) + " (ETag " + response.etag() + ", MD5 of the file " + local.md5()
                    + "). Nothing was published. Run the deploy again.");
        }
    }

    /**
     * A multipart upload whose parts are read one by one and sent {@value #PARALLEL_PARTS} at a time. The server
     * verifies each part's payload hash; the digest of all parts read must equal the expected one before the
     * upload is completed, so the object is exactly the bytes the caller hashed.
     */
    private void putInParallelParts(String key, Path file, FileDigest expected) throws Exception {
        String object = object(key);
        String uploadId = retrying("start uploading", key, () -> await(asyncClient.createMultipartUploadAsync(bucket,
                region, object, null, null))).result().uploadId();
        MessageDigest whole = FileDigest.sha256Digest();
        List<Future<Part>> uploads = new ArrayList<>();
        Semaphore inFlight = new Semaphore(PARALLEL_PARTS); // bounds memory to PARALLEL_PARTS parts
        ExecutorService senders = Executors.newFixedThreadPool(PARALLEL_PARTS, runnable -> {
            Thread thread = new Thread(runnable, "dataflow-s3-part");
            thread.setDaemon(true);
            return thread;
        });
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = expected.size();
            int partNumber = 1;
            for (long offset = 0; offset < size; offset += partSize, partNumber++) {
                byte[] part = new byte[(int) Math.min(partSize, size - offset)];
                readFully(channel, offset, part);
                whole.update(part);
                inFlight.acquire();
                int number = partNumber;
                try {
                    uploads.add(senders.submit(() -> {
                        try {
                            UploadPartResponse response = retrying("upload part " + number + " of", key,
                                    () -> await(asyncClient.uploadPartAsync(bucket, region, object, part, part.length,
                                            uploadId, number, null, null)));
                            return new Part(number, response.etag());
                        } finally {
                            inFlight.release();
                        }
                    }));
                } catch (RuntimeException e) {
                    inFlight.release();
                    throw e;
                }
                failFast(uploads);
            }
            String sent = HexFormat.of().formatHex(whole.digest());
            if (!sent.equals(expected.sha256())) {
                throw fileChanged(file, key, "sha256 " + sent + " was read while uploading", expected);
            }
            Part[] parts = new Part[uploads.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = awaitPart(uploads.get(i));
            }
            complete(key, object, uploadId, parts, expected);
        } catch (Exception e) {
            uploads.forEach(upload -> upload.cancel(true));
            abortQuietly(object, uploadId);
            throw e;
        } finally {
            senders.shutdownNow();
        }
    }

    private void complete(String key, String object, String uploadId, Part[] parts, FileDigest expected)
            throws Exception {
        try {
            retrying("complete the upload of", key, () -> await(asyncClient.completeMultipartUploadAsync(bucket, region,
                    object, uploadId, parts, null, null)));
        } catch (ErrorResponseException e) {
            // A retried completion whose first attempt succeeded finds no upload any more.
            if (!"NoSuchUpload".equals(e.errorResponse().code())) {
                throw e;
            }
        }
        StatObjectResponse stored = stat(key).orElseThrow(() -> new EnvironmentException("The multipart upload of "
                + locationOf(key) + " was completed but the object does not exist."));
        if (stored.size() != expected.size()) {
            throw new EnvironmentException("The S3 endpoint " + endpoint + " stored " + stored.size() + " bytes at "
                    + locationOf(key) + " instead of " + expected.size() + ". Nothing was published.");
        }
    }

    private static Part awaitPart(Future<Part> upload) throws Exception {
        try {
            return upload.get();
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            throw cause instanceof Exception exception ? exception : e;
        }
    }

    private static void failFast(List<Future<Part>> uploads) throws Exception {
        for (Future<Part> upload : uploads) {
            if (upload.isDone()) {
                awaitPart(upload);
            }
        }
    }

    private void abortQuietly(String object, String uploadId) {
        try {
            await(asyncClient.abortMultipartUploadAsync(bucket, region, object, uploadId, null, null));
        } catch (Exception ignored) {
            // Left-over parts are invisible; dataflow:check-registry reports them and its repair aborts them.
        }
    }

    private static void readFully(FileChannel channel, long offset, byte[] target) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(target);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("file shrank while being uploaded");
            }
        }
    }

    @Override
    public void copy(String sourceKey, String targetKey, FileDigest expected) {
        requireConditionalWrites();
        try {
            retrying("copy " + locationOf(sourceKey) + " to", targetKey, () -> client.copyObject(
                    CopyObjectArgs.builder().bucket(bucket).object(object(targetKey))
                            .source(CopySource.builder().bucket(bucket).object(object(sourceKey)).build())
                            .build()));
        } catch (Exception e) {
            throw failure("copy " + locationOf(sourceKey) + " to", targetKey, e, 1);
        }
        String problem = copyProblem(sourceKey, targetKey, expected);
        if (problem != null) {
            deleteQuietly(targetKey);
            throw new EnvironmentException("The copy of " + locationOf(sourceKey) + " to " + locationOf(targetKey)
                    + " does not hold the expected bytes (" + problem + "; expected " + expected.describe()
                    + "). The copy was removed and nothing refers to it. The source was probably changed outside "
                    + "Dataflow; run mvn dataflow:check-registry to find every damaged object.");
        }
    }

    /**
     * Why the copy differs from what the caller expects, or {@code null}. The size always counts; the sha256
     * checksum where the server keeps one (objects uploaded in one PUT); otherwise the ETags of source and copy.
     */
    private String copyProblem(String sourceKey, String targetKey, FileDigest expected) {
        StatObjectResponse copy = stat(targetKey).orElse(null);
        if (copy == null) {
            return "the copy does not exist";
        }
        if (copy.size() != expected.size()) {
            return "the copy has " + copy.size() + " bytes";
        }
        String checksum = copy.headers().get(CHECKSUM_SHA256);
        if (checksum != null) {
            return checksum.equals(expected.sha256Base64()) ? null : "the copy's sha256 is " + hexOf(checksum);
        }
        Optional<StatObjectResponse> source = stat(sourceKey);
        Matcher sourceTag = PLAIN_ETAG.matcher(source.map(StatObjectResponse::etag).orElse(""));
        Matcher copyTag = PLAIN_ETAG.matcher(copy.etag() == null ? "" : copy.etag());
        if (sourceTag.matches() && copyTag.matches() && !sourceTag.group(1).equalsIgnoreCase(copyTag.group(1))) {
            return "the copy's ETag " + copy.etag() + " differs from the source's " + source.get().etag();
        }
        return null;
    }

    @Override
    public Optional<byte[]> read(String key) {
        try {
            return Optional.of(retrying("read", key, () -> {
                try (GetObjectResponse response = client.getObject(
                        GetObjectArgs.builder().bucket(bucket).object(object(key)).build())) {
                    return response.readAllBytes();
                }
            }));
        } catch (Exception e) {
            if (isMissingKey(unwrap(e))) {
                return Optional.empty();
            }
            throw failure("read", key, e, 1);
        }
    }

    @Override
    public void download(String key, Path target) {
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            retrying("download", key, () -> {
                client.downloadObject(DownloadObjectArgs.builder().bucket(bucket).object(object(key))
                        .filename(target.toString()).overwrite(true).build());
                return null;
            });
        } catch (Exception e) {
            throw failure("download", key, e, 1);
        }
    }

    @Override
    public boolean exists(String key) {
        return stat(key).isPresent();
    }

    private Optional<StatObjectResponse> stat(String key) {
        try {
            return Optional.of(retrying("inspect", key, () -> client.statObject(StatObjectArgs.builder()
                    .bucket(bucket).object(object(key)).extraHeaders(CHECKSUM_MODE).build())));
        } catch (Exception e) {
            if (isMissingKey(unwrap(e))) {
                return Optional.empty();
            }
            throw failure("inspect", key, e, 1);
        }
    }

    @Override
    public List<StoredObject> listObjects(String keyPrefix) {
        try {
            // Store-internal objects (marker, probes) are no registry keys: listed only when asked for by prefix.
            boolean internal = keyPrefix.startsWith(INTERNAL_PREFIX);
            // A listing broken off part-way is started again as a whole: pages are not resumable here.
            return retrying("list", keyPrefix, () -> {
                List<StoredObject> objects = new ArrayList<>();
                for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket)
                        .prefix(object(keyPrefix)).recursive(true).build())) {
                    Item item = result.get();
                    String name = item.objectName();
                    if (!item.isDir() && name.startsWith(prefix) && (internal
                            || !name.startsWith(INTERNAL_PREFIX, prefix.length()))) {
                        Instant modified = item.lastModified() == null ? Instant.EPOCH : item.lastModified().toInstant();
                        objects.add(new StoredObject(name.substring(prefix.length()), item.size(), modified));
                    }
                }
                objects.sort(Comparator.comparing(StoredObject::key));
                return objects;
            });
        } catch (Exception e) {
            throw failure("list", keyPrefix, e, 1);
        }
    }

    @Override
    public void delete(String key) {
        try {
            retrying("delete", key, () -> {
                client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(object(key)).build());
                return null;
            });
        } catch (Exception e) {
            if (!isMissingKey(unwrap(e))) {
                throw failure("delete", key, e, 1);
            }
        }
    }

    private void deleteQuietly(String key) {
        try {
            delete(key);
        } catch (DataflowException ignored) {
            // An object nothing refers to is harmless; dataflow:check-registry reports it.
        }
    }

    @Override
    public List<Leftover> leftovers() {
        List<Leftover> found = new ArrayList<>();
        String keyMarker = null;
        String uploadIdMarker = null;
        try {
            while (true) {
                String pageKey = keyMarker;
                String pageUpload = uploadIdMarker;
                ListMultipartUploadsResult page = retrying("list incomplete uploads under", "", () -> await(
                        asyncClient.listMultipartUploadsAsync(bucket, region, null, null, pageKey, 1000,
                                prefix.isEmpty() ? null : prefix, pageUpload, null, null))).result();
                for (Upload upload : page.uploads()) {
                    String name = upload.objectName();
                    if (name.startsWith(prefix)) {
                        Instant since = upload.initiated() == null ? Instant.EPOCH : upload.initiated().toInstant();
                        found.add(new Leftover(Leftover.Kind.INCOMPLETE_UPLOAD, name.substring(prefix.length()),
                                upload.uploadId(), since));
                    }
                }
                if (!page.isTruncated()) {
                    break;
                }
                keyMarker = page.nextKeyMarker();
                uploadIdMarker = page.nextUploadIdMarker();
            }
        } catch (Exception e) {
            throw failure("list incomplete uploads under", "", e, 1);
        }
        for (StoredObject probe : listObjects(PROBE_PREFIX)) {
            found.add(new Leftover(Leftover.Kind.PROBE_OBJECT, probe.key(), null, probe.lastModified()));
        }
        found.sort(Comparator.comparing(Leftover::key)
                .thenComparing(leftover -> String.valueOf(leftover.uploadId())));
        return found;
    }

    @Override
    public void remove(Leftover leftover) {
        if (leftover.kind() == Leftover.Kind.PROBE_OBJECT && leftover.key().startsWith(PROBE_PREFIX)) {
            delete(leftover.key());
            return;
        }
        if (leftover.kind() != Leftover.Kind.INCOMPLETE_UPLOAD || leftover.uploadId() == null) {
            throw new IllegalArgumentException("Not an incomplete upload of this registry: " + leftover);
        }
        try {
            retrying("abort the upload of", leftover.key(), () -> await(asyncClient.abortMultipartUploadAsync(bucket,
                    region, object(leftover.key()), leftover.uploadId(), null, null)));
        } catch (Exception e) {
            Throwable cause = unwrap(e);
            if (!(cause instanceof ErrorResponseException response
                    && "NoSuchUpload".equals(response.errorResponse().code()))) {
                throw failure("abort the upload of", leftover.key(), e, 1);
            }
        }
    }

    @Override
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Requests repeated after a transient failure so far; tests read it to see that faults were survived. */
    int retries() {
        return retries.get();
    }

    /** Fails unless the bucket exists and the credentials are accepted; the quickest health check. */
    public void verifyBucket() {
        boolean exists;
        try {
            exists = retrying("check bucket of", "", () -> client.bucketExists(
                    BucketExistsArgs.builder().bucket(bucket).build()));
        } catch (Exception e) {
            throw failure("check bucket of", "", e, 1);
        }
        if (!exists) {
            throw missingBucket();
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "S3ObjectStore[" + root() + " at " + endpoint + "]";
    }

    private String object(String key) {
        if (key.startsWith("/") || key.contains("//") || key.equals("..") || key.startsWith("../")
                || key.contains("/../") || key.endsWith("/..")) {
            throw new InvalidInputException("Registry key '" + key + "' is not a relative path inside the registry.");
        }
        return prefix + key;
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws Exception;
    }

    /**
     * Runs a request that is safe to repeat, again after a transient failure while the backoff allows. Other
     * failures, and the last transient one, are thrown as they are (a {@link GaveUp} tells how often it was tried).
     */
    private <T> T retrying(String action, String key, Call<T> call) throws Exception {
        Backoff.Attempts attempts = backoff.start();
        while (true) {
            try {
                T result = call.run();
                reachable = true;
                return result;
            } catch (Exception e) {
                Throwable cause = unwrap(e);
                if (cause instanceof ErrorResponseException || cause instanceof ServerException
                        || cause instanceof InvalidResponseException) {
                    reachable = true;
                }
                if (!isTransient(cause)) {
                    throw cause instanceof Exception exception ? exception : e;
                }
                if (!attempts.pauseBeforeRetry()) {
                    throw new GaveUp(cause, attempts.attempts());
                }
                retries.incrementAndGet();
            }
        }
    }

    /**
     * 5xx and SlowDown answers, and connections that broke after they were made. A connection that cannot be
     * made at all is retried only once the endpoint has answered before: a wrong endpoint fails fast.
     */
    private boolean isTransient(Throwable cause) {
        if (cause instanceof ErrorResponseException response) {
            return status(response) >= 500 || TRANSIENT_ERRORS.contains(response.errorResponse().code());
        }
        if (cause instanceof ServerException server) {
            return server.statusCode() >= 500;
        }
        if (cause instanceof InvalidResponseException invalid) {
            Matcher code = RESPONSE_CODE.matcher(String.valueOf(invalid.getMessage()));
            return code.find() && Integer.parseInt(code.group(1)) >= 500; // a non-XML error page of a proxy
        }
        if (cause instanceof UnknownHostException) {
            return false;
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || (cause instanceof SocketTimeoutException
                        && String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("connect"))) {
            return reachable;
        }
        return cause instanceof IOException;
    }

    private static int status(ErrorResponseException e) {
        return e.response() == null ? 0 : e.response().code();
    }

    private static boolean isMissingKey(Throwable cause) {
        if (!(cause instanceof ErrorResponseException e)) {
            return false;
        }
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code)
                || (status(e) == 404 && !"NoSuchBucket".equals(code));
    }

    private InvalidInputException missingBucket() {
        return new InvalidInputException("Bucket '" + bucket + "' of registry " + root() + " does not exist at "
                + endpoint + ". Create it (for example 'aws s3 mb s3://" + bucket + "' or 'mc mb <alias>/" + bucket
                + "'), or fix dataflow.registry / dataflow.s3.endpoint.");
    }

    private EnvironmentException fileChanged(Path file, String key, String found, FileDigest expected) {
        return new EnvironmentException("File " + file + " changed while it was being uploaded to " + locationOf(key)
                + " (" + found + "; expected " + expected.describe() + "). Nothing was published; run the deploy "
                + "again once the file is final.");
    }

    /** Translates a client failure; only codes and our own words, so no secret can leak into the message. */
    private DataflowException failure(String action, String key, Throwable error, int attempts) {
        Throwable cause = unwrap(error);
        if (cause instanceof GaveUp gaveUp) {
            attempts = gaveUp.attempts;
            cause = gaveUp.getCause();
        }
        String what = "Cannot " + action + " " + (key.isEmpty() ? root() : locationOf(key)) + ": ";
        String tries = attempts > 1 ? " (gave up after " + attempts + " attempts)" : "";
        if (cause instanceof DataflowException dataflow) {
            return dataflow;
        }
        if (cause instanceof ErrorResponseException response) {
            String code = response.errorResponse().code();
            int status = status(response);
            if ("NoSuchBucket".equals(code)) {
                return missingBucket();
            }
            if (status == 403 || CREDENTIAL_ERRORS.contains(code)) {
                return new InvalidInputException(what + "the S3 endpoint " + endpoint + " rejected the credentials ("
                        + code + "). Fix the access key and secret in " + credentialSource + ", and make sure that "
                        + "key may read and write bucket '" + bucket + "'.", cause);
            }
            if (DIGEST_ERRORS.contains(code)) {
                return new EnvironmentException(what + "the S3 endpoint " + endpoint + " received other bytes than "
                        + "were hashed before the upload (" + code + "): the file changed while it was uploaded, or "
                        + "bytes were damaged on the way. Nothing was published; run the deploy again.", cause);
            }
            return new EnvironmentException(what + "the S3 endpoint " + endpoint + " answered HTTP " + status + " "
                    + code + tries + ".", cause);
        }
        if (cause instanceof ServerException server) {
            return new EnvironmentException(what + "the S3 endpoint " + endpoint + " answered HTTP "
                    + server.statusCode() + tries + ".", cause);
        }
        if (cause instanceof InvalidResponseException) {
            Matcher code = RESPONSE_CODE.matcher(String.valueOf(cause.getMessage()));
            return new EnvironmentException(what + "the S3 endpoint " + endpoint + " answered "
                    + (code.find() ? "HTTP " + code.group(1) : "something") + " that is not an S3 response" + tries
                    + ". Check that dataflow.s3.endpoint is an S3 endpoint.", cause);
        }
        if (cause instanceof ConnectException || cause instanceof SocketTimeoutException
                || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException
                || cause instanceof java.io.InterruptedIOException) {
            return new EnvironmentException(what + "the S3 endpoint " + endpoint + " is unreachable ("
                    + cause.getClass().getSimpleName() + ")" + tries
                    + ". Check dataflow.s3.endpoint and that the server is running.", cause);
        }
        if (cause instanceof IOException) {
            return new EnvironmentException(what + "the connection to the S3 endpoint " + endpoint + " broke ("
                    + cause.getClass().getSimpleName() + ")" + tries + ".", cause);
        }
        if (cause instanceof ProviderException) {
            return new InvalidInputException(what + "no S3 credentials available. Configure " + credentialSource + ".");
        }
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new EnvironmentException(what + cause.getClass().getSimpleName() + " talking to " + endpoint + tries
                + ".", cause);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            throw cause instanceof Exception exception ? exception : e;
        }
    }

    private static String hexOf(String base64) {
        try {
            return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return base64;
        }
    }

    /** The last transient failure of a request that was tried as often as the backoff allows. */
    private static final class GaveUp extends Exception {
        private static final long serialVersionUID = 1L;
        private final int attempts;

        GaveUp(Throwable cause, int attempts) {
            super(cause);
            this.attempts = attempts;
        }
    }

    /** SHA-256 and MD5 of a file in one pass, for servers that verify no checksum header. */
    private record Digests(String sha256, String md5) {
        static Digests of(Path file) {
            MessageDigest sha256 = FileDigest.sha256Digest();
            MessageDigest md5;
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java runtime provides MD5", e);
            }
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(file)) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    sha256.update(buffer, 0, read);
                    md5.update(buffer, 0, read);
                }
            } catch (IOException e) {
                throw new EnvironmentException("Cannot read " + file + " to verify its upload: " + e, e);
            }
            HexFormat hex = HexFormat.of();
            return new Digests(hex.formatHex(sha256.digest()), hex.formatHex(md5.digest()));
        }
    }
}
