package io.dataflow.core;

/**
 * Something outside the user's input failed: the registry is unreachable, a disk is full, a process died.
 * Maven adapters turn it into a {@code MojoExecutionException}.
 */
public class EnvironmentException extends DataflowException {

    private static final long serialVersionUID = 1L;

    public EnvironmentException(String message) {
        super(message);
    }

    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
