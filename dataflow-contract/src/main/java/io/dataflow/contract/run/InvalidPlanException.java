package io.dataflow.contract.run;

/** The plan cannot be run as written; the message names the file, task or field and the fix. Nothing ran. */
public class InvalidPlanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidPlanException(String message) {
        super(message);
    }
}
