package io.dataflow.core.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Writes and reads {@code plan.json}: indented, empty and null fields left out (the runner has defaults). */
final class PlanJson {

    // Configured once, never changed: thread-safe.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .build();

    private PlanJson() {}

    static byte[] bytes(RunPlan plan) {
        try {
            return MAPPER.writeValueAsBytes(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the run plan", e);
        }
    }

    static RunPlan read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), RunPlan.class);
    }
}
