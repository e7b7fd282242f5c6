package io.dataflow.core.registry;

import io.dataflow.core.InvalidInputException;
import java.time.Duration;

/**
 * Where the registry lives and how to reach it; a plain value the Maven adapter fills from
 * {@code dataflow.registry}, {@code dataflow.s3.endpoint}, {@code dataflow.s3.region} and the settings.xml
 * server {@code dataflow.serverId}.
 *
 * @param registry {@code file:///path}, {@code s3://bucket/prefix}, or {@code null}/blank for
 *     {@code ~/.dataflow/registry}
 * @param endpoint S3 endpoint URL such as {@code http://127.0.0.1:9000}; {@code null} means AWS S3. One carrying
 *     credentials ({@code http://key:secret@host}) is refused here, so no settings object, request or message ever
 *     holds them
 * @param region S3 region; {@code null} lets the client ask the endpoint
 * @param credentials the key pair; {@code null} means the AWS environment variables, then the
 *     {@code ~/.aws/credentials} profile
 * @param timeout how long to wait for a connection (responses may take a few times longer); {@code null}
 *     means {@link #DEFAULT_TIMEOUT}
 */
public record RegistrySettings(
        String registry, String endpoint, String region, S3Credentials credentials, Duration timeout) {

    static final String ENDPOINT_PROPERTY = "dataflow.s3.endpoint";

    /** Short, so that an unreachable registry fails the build within seconds instead of hanging. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public RegistrySettings {
        if (endpoint != null && endpoint.indexOf('@') >= 0) {
            // No S3 endpoint needs an '@': scheme, host and port only. Whatever precedes the last one is user-info.
            throw new InvalidInputException("Invalid " + ENDPOINT_PROPERTY + " '" + ObjectStores.withoutUserInfo(endpoint.trim())
                    + "': credentials do not belong in the endpoint URL, where build logs and mvn -X would show them. "
                    + "Set the endpoint without them (scheme, host and port, e.g. http://127.0.0.1:9000) and put the "
                    + "access key and secret in the settings.xml <server> named by dataflow.serverId (default "
                    + "'dataflow'), or in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.");
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            timeout = DEFAULT_TIMEOUT;
        }
    }

    /** The zero-configuration settings: the local registry under the user's home. */
    public static RegistrySettings defaults() {
        return new RegistrySettings(null, null, null, null, null);
    }

    public RegistrySettings withRegistry(String newRegistry) {
        return new RegistrySettings(newRegistry, endpoint, region, credentials, timeout);
    }
}
