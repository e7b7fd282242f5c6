package io.dataflow.core.registry;

import java.time.Instant;

/**
 * Something an interrupted write left behind that no registry key names.
 *
 * @param kind what it is
 * @param key a local temporary file's path relative to the registry root, the key an S3 multipart upload was
 *     meant to create, or the key of an S3 probe object
 * @param uploadId the S3 multipart upload id; {@code null} for temporary files
 * @param since when the write started (the store's clock)
 */
public record Leftover(Kind kind, String key, String uploadId, Instant since) {

    public enum Kind {
        TEMPORARY_FILE("temporary file"),
        INCOMPLETE_UPLOAD("incomplete multipart upload"),
        PROBE_OBJECT("object of an interrupted conditional-write probe");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
