package io.dataflow.core.project;

import io.dataflow.core.DataflowLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps info and warn lines so tests can assert the output users see; debug lines (what {@code -X} shows) apart. */
public final class RecordingLog implements DataflowLog {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final List<String> debugLines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String message) {
        lines.add(message);
    }

    @Override
    public void warn(String message) {
        lines.add(message);
    }

    @Override
    public void debug(String message) {
        debugLines.add(message);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public List<String> debugLines() {
        return List.copyOf(debugLines);
    }

    public void clear() {
        lines.clear();
        debugLines.clear();
    }
}
