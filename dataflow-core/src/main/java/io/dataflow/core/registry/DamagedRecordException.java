package io.dataflow.core.registry;

import io.dataflow.core.EnvironmentException;

/**
 * A registry record exists but cannot be read (truncated, not the expected JSON, inconsistent with its key).
 * Readers that can do without it skip it and name the key; readers that need it refuse with this exception.
 */
public class DamagedRecordException extends EnvironmentException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String reason;

    /** @param reason what is wrong with the record, in a few words (the message says what to do) */
    public DamagedRecordException(String key, String reason, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
        this.reason = reason;
    }

    /** The registry key of the damaged record. */
    public String key() {
        return key;
    }

    public String reason() {
        return reason;
    }
}
