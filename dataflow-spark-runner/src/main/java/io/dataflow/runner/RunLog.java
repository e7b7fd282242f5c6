package io.dataflow.runner;

import java.io.PrintStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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

    /** Spark's own table of {@code rows} (at most {@code max}), unprefixed, on this log's stream. */
    void table(Dataset<Row> rows, int max) {
        // Dataset.show prints to Scala's Console, not to System.out as it is now: point the Console at this stream.
        scala.Console$.MODULE$.withOut(out, () -> {
            rows.show(max, false);
            return scala.runtime.BoxedUnit.UNIT;
        });
        out.flush();
    }

    void warn(String message) {
        out.println("[dataflow-run] WARNING " + message);
        out.flush();
    }
}
