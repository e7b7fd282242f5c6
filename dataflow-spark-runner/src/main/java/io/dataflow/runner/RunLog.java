package io.dataflow.runner;

import java.io.PrintStream;

/** Progress lines of a run, prefixed so they stand out between Spark's own output. */
final class RunLog {
    private final PrintStream out;

    RunLog(PrintStream out) {
        this.out = out;
    }

    void info(String message) {
        out.println("[dataflow-run] " + message);
        out.flush();
    }

    void warn(String message) {
        out.println("[dataflow-run] WARNING " + message);
        out.flush();
    }
}
