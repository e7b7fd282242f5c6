package io.dataflow.core.run;

import io.dataflow.core.DataflowLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps info lines, and warn lines prefixed {@code WARN }, so tests can assert what users see. */
final class RecordingLog implements DataflowLog {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String message) {
        lines.add(message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void debug(String message) {}

    List<String> lines() {
        return List.copyOf(lines);
    }
}
