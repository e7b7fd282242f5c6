package io.dataflow.runner;

/** A task failed for a reason its message fully explains (no stack trace needed in the result). */
class TaskFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TaskFailedException(String message) {
        super(message);
    }

    TaskFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
