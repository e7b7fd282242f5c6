package io.dataflow.runner;

import io.dataflow.contract.run.AuditOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a task runner reports besides success or failure; kept also when the task fails. */
final class TaskOutcome {
    final List<String> warnings = new ArrayList<>();
    final List<AuditOutcome> audits = new ArrayList<>();
    final Map<String, Long> publishedSnapshots = new LinkedHashMap<>();

    void warn(String warning) {
        warnings.add(warning);
    }
}
