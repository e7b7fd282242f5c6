package io.dataflow.core.project;

import io.dataflow.core.DataflowLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps info and warn lines so tests can assert the output users see. */
final class RecordingLog implements DataflowLog {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String message) {
        lines.add(message);
    }

    @Override
    public void warn(String message) {
        lines.add(message);
    }

    @Override
    public void debug(String message) {}

    List<String> lines() {
        return List.copyOf(lines);
    }

    void clear() {
        lines.clear();
    }
}
