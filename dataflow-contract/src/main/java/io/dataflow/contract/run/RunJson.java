package io.dataflow.contract.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The one JSON form of {@code plan.json} and {@code result.json}: indented; fields that are null left out (the
 * readers have defaults); map entries always written, null and {@code ""} values included.
 *
 * <p>Plans are read strictly (a misspelt field in a plan must not be silently ignored); results leniently (fields a
 * newer runner adds must not break an older engine).
 */
public final class RunJson {

    // Configured once, never changed afterwards: thread-safe.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.ALWAYS))
            .build();
    private static final ObjectReader PLAN = MAPPER.readerFor(RunPlan.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectReader RESULT = MAPPER.readerFor(RunResult.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RunJson() {}

    /** Reads a plan; a malformed file is an {@link InvalidPlanException} naming the file, the place and the problem. */
    public static RunPlan readPlan(Path file) {
        return readPlan(file, PlanSecrets.none());
    }

    /** Reads a plan with the run's secrets put in place of their placeholders. */
    public static RunPlan readPlan(Path file, PlanSecrets secrets) {
        try {
            // Read directly when there is nothing to put in: errors then name the line and column.
            return secrets.isEmpty() ? PLAN.readValue(file.toFile())
                    : PLAN.readValue(secrets.resolve(MAPPER.readTree(file.toFile())));
        } catch (JsonProcessingException e) {
            throw new InvalidPlanException(secrets.scrub("Run plan " + file + " is not valid JSON for the plan contract: "
                    + e.getOriginalMessage() + locationOf(e) + ". See docs/running.md for the format."));
        } catch (IOException e) {
            throw new InvalidPlanException("Cannot read run plan " + file + ": " + e);
        }
    }

    /** Writes a plan beside the target and moves it into place. */
    public static void writePlan(RunPlan plan, Path file) {
        writeAtomically(plan, file);
    }

    /** @throws UncheckedIOException when the file cannot be read or is not a result */
    public static RunResult readResult(Path file) {
        try {
            return RESULT.readValue(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read run result " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes beside the target and moves into place, so readers never see half a result. */
    public static void writeResult(RunResult result, Path file) {
        writeResult(result, file, PlanSecrets.none());
    }

    /** Writes a result in which every secret value is shown as its placeholder. */
    public static void writeResult(RunResult result, Path file, PlanSecrets secrets) {
        writeAtomically(secrets.scrub(MAPPER.valueToTree(result)), file);
    }

    /** The JSON text of a plan or a result, as the files hold it. */
    public static String text(Object planOrResult) {
        try {
            return MAPPER.writeValueAsString(planOrResult);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + planOrResult.getClass().getSimpleName(), e);
        }
    }

    private static void writeAtomically(Object value, Path file) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            Files.writeString(temp, text(value));
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
