package io.dataflow.core.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A workflow file after safe loading and parsing: the document (exact text and nodes), the model (or
 * {@code null} when the file is not a workflow at all) and every problem found so far.
 */
public record ParsedWorkflow(Path file, YamlDocument document, Workflow workflow, List<Problem> problems,
        Map<String, TextSpan> paramValueSpans) {

    public boolean valid() {
        return problems.isEmpty();
    }

    /** Where a parameter's default value is written, so an override can replace exactly that text. */
    public record TextSpan(int start, int end, String prefix) {}
}
