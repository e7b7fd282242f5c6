package io.dataflow.core.workflow;

import java.nio.file.Path;

/** Where a node of a workflow file starts: 1-based line and column. */
public record SourcePosition(Path file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
