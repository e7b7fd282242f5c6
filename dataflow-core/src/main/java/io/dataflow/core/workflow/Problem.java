package io.dataflow.core.workflow;

import java.nio.file.Path;
import java.util.Comparator;

/**
 * One thing wrong with a workflow file, at a 1-based line and column. Validation collects every problem
 * instead of stopping at the first, so a user fixes a file in one round.
 */
public record Problem(Path file, int line, int column, String message) {

    /** File order, then position: the order a reader walks the file. */
    public static final Comparator<Problem> IN_FILE_ORDER = Comparator.comparing((Problem p) -> p.file().toString())
            .thenComparingInt(Problem::line)
            .thenComparingInt(Problem::column);

    public static Problem at(SourcePosition position, String message) {
        return new Problem(position.file(), position.line(), position.column(), message);
    }

    /** {@code file:line:column: message}, the form editors and CI logs link to. */
    public String format() {
        return file + ":" + line + ":" + column + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
