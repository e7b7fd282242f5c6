package io.dataflow.core.maestro;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.OutputFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One workflow version in Maestro's terms: its YAML DSL and, for a workflow with a trigger, the JSON create request
 * that carries the schedule.
 *
 * @param workflowId the registry id
 * @param version the Dataflow version (the predicted one in a preview)
 * @param maestroId the Maestro workflow id
 * @param bundleDigest {@code sha256:…} of the version's manifest, or {@code null} in a preview
 * @param yaml Maestro's YAML DSL of the workflow
 * @param json the JSON create request when the workflow has a trigger and it could be written, else {@code null}
 * @param jsonProblem why the JSON create request of a workflow with a trigger could not be written (for example no
 *     {@code <templateStepType>}), else {@code null}
 */
public record MaestroExport(String workflowId, int version, String maestroId, String bundleDigest, String yaml,
        String json, String jsonProblem) {

    /** A workflow with a trigger: Maestro gets it as the JSON create request, which carries the schedule. */
    public boolean hasTrigger() {
        return json != null || jsonProblem != null;
    }

    /**
     * The JSON create request of a workflow with a trigger.
     *
     * @throws InvalidInputException when it could not be written, saying why
     */
    public String requireJson() {
        if (json == null) {
            throw new InvalidInputException(jsonProblem != null ? jsonProblem : "Workflow " + workflowId
                    + " has no trigger; it is pushed as Maestro's YAML DSL.");
        }
        return json;
    }

    /** {@code <maestro id>.yaml}, the file name of {@link #yaml}. */
    public String yamlFileName() {
        return maestroId + ".yaml";
    }

    /** {@code <maestro id>.json}, the file name of {@link #json}. */
    public String jsonFileName() {
        return maestroId + ".json";
    }

    /**
     * Writes {@code <maestro id>.yaml} (and {@code <maestro id>.json} for a workflow with a trigger) into
     * {@code directory}, each atomically.
     *
     * @return the files written
     */
    public List<Path> writeTo(Path directory) {
        List<Path> written = new ArrayList<>();
        written.add(write(directory, yamlFileName(), yaml));
        if (json != null) {
            written.add(write(directory, jsonFileName(), json));
        }
        return written;
    }

    private static Path write(Path directory, String name, String content) {
        return OutputFiles.writeAtomically(directory, name, content, "the Maestro export");
    }
}
