package io.dataflow.core;

/**
 * The user's input (a file, a parameter, the git state of the project) is wrong. The message names the
 * input and says how to fix it. Maven adapters turn it into a {@code MojoFailureException}.
 */
public class InvalidInputException extends DataflowException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
