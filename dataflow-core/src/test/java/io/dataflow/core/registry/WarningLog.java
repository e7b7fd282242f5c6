package io.dataflow.core.registry;

import io.dataflow.core.DataflowLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps the warnings an engine prints, so tests can assert that damage is reported by key. */
public final class WarningLog implements DataflowLog {

    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String message) {}

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void debug(String message) {}

    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
