package io.dataflow.core.project;

import io.dataflow.core.DataflowLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps info and warn lines so tests can assert the output users see. */
public final class RecordingLog implements DataflowLog {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String message) {
        lines.add(message);
    }

    @Override
    public void warn(String message) {
        lines.add(message);
        warnings.add(message);
    }

    @Override
    public void debug(String message) {}

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The warnings only. */
    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    public void clear() {
        lines.clear();
        warnings.clear();
    }
}
