package io.dataflow.runner;

/** The plan cannot be run as written; the message names the task/field and the fix. Nothing ran. */
public class InvalidPlanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidPlanException(String message) {
        super(message);
    }
}
