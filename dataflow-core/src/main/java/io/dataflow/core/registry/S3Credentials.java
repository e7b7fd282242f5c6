package io.dataflow.core.registry;

import io.dataflow.core.InvalidInputException;

/**
 * An S3 access key pair. The secret never leaves this record except towards the S3 client: {@link #toString()}
 * masks it, so the record may be logged, put in exception messages or printed by {@code mvn -X}.
 *
 * @param accessKey the access key id (not secret, shown to help users find the right key)
 * @param secretKey the secret access key (never shown)
 */
public record S3Credentials(String accessKey, String secretKey) {

    public S3Credentials {
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isEmpty()) {
            throw new InvalidInputException("S3 credentials need both an access key and a secret key. Set the "
                    + "username and password of the settings.xml <server> named by dataflow.serverId, or the "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables.");
        }
    }

    @Override
    public String toString() {
        return "S3Credentials[accessKey=" + accessKey + ", secretKey=****]";
    }
}
