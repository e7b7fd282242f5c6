package io.dataflow.runner;

import java.lang.reflect.InvocationTargetException;
import org.apache.spark.sql.AnalysisException;

/** Turns exceptions into the one-paragraph error of a task result. */
final class Errors {
    private static final int MAX_LENGTH = 2000;

    private Errors() {}

    static String describe(Throwable error) {
        Throwable e = error;
        while (e instanceof InvocationTargetException && e.getCause() != null) {
            e = e.getCause();
        }
        String message;
        if (e instanceof TaskFailedException) {
            message = e.getMessage();
        } else if (e instanceof AnalysisException analysis) {
            // The full message appends the whole logical plan; the simple one says what is wrong.
            message = analysis.getSimpleMessage();
        } else {
            message = e.getClass().getName() + ": " + e.getMessage();
        }
        return message.length() <= MAX_LENGTH ? message : message.substring(0, MAX_LENGTH) + " …";
    }
}
