package io.dataflow.core;

/**
 * The engine's only way to talk to the user. Adapters map it onto their own logging (Maven's {@code Log},
 * a test recorder, standard output for benchmarks).
 */
public interface DataflowLog {

    void info(String message);

    void warn(String message);

    void debug(String message);

    /** A log that drops everything; for callers that do not care. */
    DataflowLog SILENT = new DataflowLog() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void debug(String message) {}
    };
}
