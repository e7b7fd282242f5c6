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
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.UploadPartResponse;
import io.minio.credentials.AwsConfigProvider;
import io.minio.credentials.AwsEnvironmentProvider;
import io.minio.credentials.ChainedProvider;
import io.minio.credentials.Provider;
import io.minio.credentials.StaticProvider;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import io.minio.messages.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A registry in an S3-compatible bucket (AWS S3, MinIO, S3Proxy, ...) under an optional key prefix, through
 * the MinIO Java client.
 *
 * <p>Create-if-absent is a single PUT with {@code If-None-Match: *}, which S3 applies atomically. Large files
 * go up as a multipart upload whose parts are sent in parallel. Every failure is translated into an
 * {@link InvalidInputException} (wrong bucket, wrong credentials, bad endpoint) or an
 * {@link EnvironmentException} (unreachable, server error); the secret key never appears in either.
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
    /** AWS answers 409 when two conditional writes of one key overlap; the loser retries and then sees 412. */
    private static final int CONFLICT_RETRIES = 5;

    private static final String AWS_ENDPOINT = "https://s3.amazonaws.com";
    private static final Set<String> CREDENTIAL_ERRORS = Set.of("AccessDenied", "SignatureDoesNotMatch",
            "InvalidAccessKeyId", "InvalidToken", "ExpiredToken", "InvalidSecurity", "AuthorizationHeaderMalformed");

    private final String bucket;
    private final String prefix;
    private final long singlePutLimit;
    private final int partSize;
    private final String endpoint;
    private final String region;
    private final String credentialSource;
    private final OkHttpClient http;
    private final MinioClient client;
    private final MinioAsyncClient asyncClient;
    private final AtomicLong bytesSent = new AtomicLong();

    /**
     * @param bucket an existing bucket
     * @param prefix key prefix without leading or trailing '/', or empty
     */
    public S3ObjectStore(String bucket, String prefix, RegistrySettings settings) {
        this(bucket, prefix, settings, SINGLE_PUT_LIMIT, PART_SIZE);
    }

    /** With other upload sizes, so that tests can exercise multipart uploads with small files. */
    S3ObjectStore(String bucket, String prefix, RegistrySettings settings, long singlePutLimit, int partSize) {
        this.singlePutLimit = singlePutLimit;
        this.partSize = partSize;
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
        for (int attempt = 0; ; attempt++) {
            try {
                client.putObject(PutObjectArgs.builder().bucket(bucket).object(object(key))
                        .stream(new ByteArrayInputStream(content), content.length, -1)
                        .headers(Map.of("If-None-Match", "*"))
                        .build());
                return true;
            } catch (ErrorResponseException e) {
                int status = e.response() == null ? 0 : e.response().code();
                if (status == 412 || "PreconditionFailed".equals(e.errorResponse().code())) {
                    return false;
                }
                if (status == 409 && attempt < CONFLICT_RETRIES) {
                    pause(50L * (attempt + 1));
                    continue;
                }
                throw failure("create", key, e);
            } catch (Exception e) {
                throw failure("create", key, e);
            }
        }
    }

    @Override
    public void putFile(String key, Path file) {
        try {
            long size = Files.size(file);
            if (size <= singlePutLimit) {
                client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(object(key))
                        .filename(file.toString(), Math.max(size, MIN_PART_SIZE)).build());
            } else {
                putInParallelParts(object(key), file, size);
            }
            bytesSent.addAndGet(size);
        } catch (Exception e) {
            throw failure("upload " + file + " to", key, e);
        }
    }

    /** A multipart upload whose parts are read one by one and sent {@value #PARALLEL_PARTS} at a time. */
    private void putInParallelParts(String object, Path file, long size) throws Exception {
        String uploadId = await(asyncClient.createMultipartUploadAsync(bucket, region, object, null, null))
                .result().uploadId();
        List<CompletableFuture<UploadPartResponse>> uploads = new ArrayList<>();
        Semaphore inFlight = new Semaphore(PARALLEL_PARTS); // bounds memory to PARALLEL_PARTS parts
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int partNumber = 1;
            for (long offset = 0; offset < size; offset += partSize, partNumber++) {
                byte[] part = new byte[(int) Math.min(partSize, size - offset)];
                readFully(channel, offset, part);
                inFlight.acquire();
                CompletableFuture<UploadPartResponse> upload;
                try {
                    upload = asyncClient.uploadPartAsync(bucket, region, object, part, part.length, uploadId, partNumber,
                            null, null);
                } catch (Exception e) {
                    inFlight.release();
                    throw e;
                }
                upload.whenComplete((response, error) -> inFlight.release());
                uploads.add(upload);
                failFast(uploads);
            }
            Part[] parts = new Part[uploads.size()];
            for (int i = 0; i < parts.length; i++) {
                UploadPartResponse response = await(uploads.get(i));
                parts[i] = new Part(response.partNumber(), response.etag());
            }
            await(asyncClient.completeMultipartUploadAsync(bucket, region, object, uploadId, parts, null, null));
        } catch (Exception e) {
            uploads.forEach(upload -> upload.cancel(true));
            abortQuietly(object, uploadId);
            throw e;
        }
    }

    private static void failFast(List<CompletableFuture<UploadPartResponse>> uploads) throws Exception {
        for (CompletableFuture<UploadPartResponse> upload : uploads) {
            if (upload.isCompletedExceptionally()) {
                await(upload);
            }
        }
    }

    private void abortQuietly(String object, String uploadId) {
        try {
            await(asyncClient.abortMultipartUploadAsync(bucket, region, object, uploadId, null, null));
        } catch (Exception ignored) {
            // Left-over parts are invisible; bucket lifecycle rules clean them up.
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
    public void copy(String sourceKey, String targetKey) {
        try {
            client.copyObject(CopyObjectArgs.builder().bucket(bucket).object(object(targetKey))
                    .source(CopySource.builder().bucket(bucket).object(object(sourceKey)).build())
                    .build());
        } catch (Exception e) {
            throw failure("copy " + locationOf(sourceKey) + " to", targetKey, e);
        }
    }

    @Override
    public Optional<byte[]> read(String key) {
        try (GetObjectResponse response = client.getObject(
                GetObjectArgs.builder().bucket(bucket).object(object(key)).build())) {
            return Optional.of(response.readAllBytes());
        } catch (ErrorResponseException e) {
            if (isMissingKey(e)) {
                return Optional.empty();
            }
            throw failure("read", key, e);
        } catch (Exception e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public void download(String key, Path target) {
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            client.downloadObject(DownloadObjectArgs.builder().bucket(bucket).object(object(key))
                    .filename(target.toString()).overwrite(true).build());
        } catch (Exception e) {
            throw failure("download", key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            client.statObject(StatObjectArgs.builder().bucket(bucket).object(object(key)).build());
            return true;
        } catch (ErrorResponseException e) {
            if (isMissingKey(e)) {
                return false;
            }
            throw failure("inspect", key, e);
        } catch (Exception e) {
            throw failure("inspect", key, e);
        }
    }

    @Override
    public List<String> list(String keyPrefix) {
        List<String> keys = new ArrayList<>();
        try {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket)
                    .prefix(object(keyPrefix)).recursive(true).build())) {
                String name = result.get().objectName();
                if (name.startsWith(prefix)) {
                    keys.add(name.substring(prefix.length()));
                }
            }
        } catch (Exception e) {
            throw failure("list", keyPrefix, e);
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Fails unless the bucket exists and the credentials are accepted; the quickest health check. */
    public void verifyBucket() {
        boolean exists;
        try {
            exists = client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            throw failure("check bucket of", "", e);
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

    private static boolean isMissingKey(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code)
                || (e.response() != null && e.response().code() == 404 && !"NoSuchBucket".equals(code));
    }

    private InvalidInputException missingBucket() {
        return new InvalidInputException("Bucket '" + bucket + "' of registry " + root() + " does not exist at "
                + endpoint + ". Create it (for example 'aws s3 mb s3://" + bucket + "' or 'mc mb <alias>/" + bucket
                + "'), or fix dataflow.registry / dataflow.s3.endpoint.");
    }

    /** Translates a client failure; only codes and our own words, so no secret can leak into the message. */
    private DataflowException failure(String action, String key, Throwable error) {
        Throwable cause = unwrap(error);
        String what = "Cannot " + action + " " + (key.isEmpty() ? root() : locationOf(key)) + ": ";
        if (cause instanceof DataflowException dataflow) {
            return dataflow;
        }
        if (cause instanceof ErrorResponseException response) {
            String code = response.errorResponse().code();
            int status = response.response() == null ? 0 : response.response().code();
            if ("NoSuchBucket".equals(code)) {
                return missingBucket();
            }
            if (status == 403 || CREDENTIAL_ERRORS.contains(code)) {
                return new InvalidInputException(what + "the S3 endpoint " + endpoint + " rejected the credentials ("
                        + code + "). Fix the access key and secret in " + credentialSource + ", and make sure that "
                        + "key may read and write bucket '" + bucket + "'.", cause);
            }
            return new EnvironmentException(what + "the S3 endpoint " + endpoint + " answered HTTP " + status + " "
                    + code + ".", cause);
        }
        if (cause instanceof ConnectException || cause instanceof SocketTimeoutException
                || cause instanceof UnknownHostException || cause instanceof java.io.InterruptedIOException) {
            return new EnvironmentException(what + "the S3 endpoint " + endpoint + " is unreachable ("
                    + cause.getClass().getSimpleName() + "). Check dataflow.s3.endpoint and that the server is running.",
                    cause);
        }
        if (cause instanceof ProviderException) {
            return new InvalidInputException(what + "no S3 credentials available. Configure " + credentialSource + ".");
        }
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new EnvironmentException(what + cause.getClass().getSimpleName() + " talking to " + endpoint + ".",
                cause);
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

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while retrying a conditional write.", e);
        }
    }
}
