package io.dataflow.core;

/**
 * Base of every failure the engine reports. Adapters decide how to surface it by its subtype:
 * {@link InvalidInputException} means the user must change something (and the message says what),
 * {@link EnvironmentException} means something outside the user's input failed.
 */
public abstract class DataflowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected DataflowException(String message) {
        super(message);
    }

    protected DataflowException(String message, Throwable cause) {
        super(message, cause);
    }
}
