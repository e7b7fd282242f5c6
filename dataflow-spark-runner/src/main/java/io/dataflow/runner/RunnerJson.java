package io.dataflow.runner;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reading plans and writing results as JSON. */
public final class RunnerJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            // A misspelt field in a generated plan must not be silently ignored.
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));

    private RunnerJson() {}

    /** Reads a plan; a malformed file is an {@link InvalidPlanException} naming the file and the problem. */
    public static RunPlan readPlan(Path file) {
        return readPlan(file, PlanSecrets.none());
    }

    /** Reads a plan with the run's secrets put in place of their placeholders. */
    static RunPlan readPlan(Path file, PlanSecrets secrets) {
        try {
            // Read directly when there is nothing to put in: errors then name the line and column.
            return secrets.isEmpty() ? MAPPER.readValue(file.toFile(), RunPlan.class)
                    : MAPPER.treeToValue(secrets.resolve(MAPPER.readTree(file.toFile())), RunPlan.class);
        } catch (JsonProcessingException e) {
            throw new InvalidPlanException(secrets.scrub("Run plan " + file + " is not valid JSON for the plan contract: "
                    + e.getOriginalMessage() + locationOf(e) + ". See docs/running.md for the format."));
        } catch (IOException e) {
            throw new InvalidPlanException("Cannot read run plan " + file + ": " + e);
        }
    }

    public static void writePlan(RunPlan plan, Path file) {
        writeAtomically(plan, file);
    }

    public static RunResult readResult(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), RunResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read run result " + file, e);
        }
    }

    /** Writes beside the target and moves into place, so readers never see half a result. */
    public static void writeResult(RunResult result, Path file) {
        writeResult(result, file, PlanSecrets.none());
    }

    /** Writes a result in which every secret value is shown as its placeholder. */
    static void writeResult(RunResult result, Path file, PlanSecrets secrets) {
        writeAtomically(secrets.scrub(MAPPER.valueToTree(result)), file);
    }

    private static void writeAtomically(Object value, Path file) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            Files.write(temp, MAPPER.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
