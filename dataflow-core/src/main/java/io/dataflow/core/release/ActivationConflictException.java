package io.dataflow.core.release;

import io.dataflow.core.EnvironmentException;

/**
 * Another deploy or rollback activated a version of the same workflow while this one was deciding, and this one's
 * decision no longer holds: nothing was activated, and the message says what is active instead.
 */
public class ActivationConflictException extends EnvironmentException {

    private static final long serialVersionUID = 1L;

    public ActivationConflictException(String message) {
        super(message);
    }
}
