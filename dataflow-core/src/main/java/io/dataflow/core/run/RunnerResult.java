package io.dataflow.core.run;

import io.dataflow.core.bundle.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code result.json} as the forked runner writes it ({@code docs/running.md}); unknown fields are ignored so a
 * newer runner's additions do not break the plugin.
 */
record RunnerResult(int formatVersion, String runId, String status, boolean complete, String startedAt,
        String endedAt, long durationMs, String sparkVersion, String error, List<RunRecord.TaskRecord> tasks) {

    RunnerResult {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    static RunnerResult read(Path file) throws IOException {
        return Json.read(Files.readAllBytes(file), RunnerResult.class, file.toString());
    }
}
