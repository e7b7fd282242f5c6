package io.dataflow.contract.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one task of a run ended.
 *
 * @param id                 the task id
 * @param kind               the task kind ({@code sql}, {@code jar}, …)
 * @param status             what happened
 * @param startedAt          ISO-8601 instant, null when skipped
 * @param endedAt            ISO-8601 instant, null when skipped
 * @param durationMs         wall-clock time, 0 when skipped
 * @param error              why it failed or was skipped, else null
 * @param warnings           non-fatal findings
 * @param audits             audit outcomes (WAP tasks)
 * @param publishedSnapshots table to the snapshot id that main points at after publishing (WAP tasks)
 */
public record TaskResult(String id, String kind, TaskStatus status, String startedAt, String endedAt,
        long durationMs, String error, List<String> warnings, List<AuditOutcome> audits,
        Map<String, Long> publishedSnapshots) {

    public TaskResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        audits = audits == null ? List.of() : List.copyOf(audits);
        publishedSnapshots = publishedSnapshots == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(publishedSnapshots));
    }

    /** A task that did not run, and why. */
    public static TaskResult skipped(PlanTask task, String reason) {
        return new TaskResult(task.id(), task.kind(), TaskStatus.SKIPPED, null, null, 0, reason, null, null, null);
    }
}
