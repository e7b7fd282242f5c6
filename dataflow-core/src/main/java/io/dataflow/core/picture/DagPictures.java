package io.dataflow.core.picture;

import io.dataflow.core.workflow.Workflow;
import java.util.Optional;

/**
 * Draws the DAG of a workflow as an SVG document: {@code target/dataflow/<file>.svg} beside the rendered YAML and
 * {@code workflow.svg} in each released bundle. The engine draws nothing itself; the implementation
 * ({@code io.dataflow.picture.ElkDagPictures} in {@code dataflow-picture}) keeps its graph-layout library off the
 * classpath of everything else that uses the engine.
 */
@FunctionalInterface
public interface DagPictures {

    /** Draws nothing: no {@code .svg} file is written and bundles hold no picture. */
    DagPictures NONE = workflow -> Optional.empty();

    /**
     * @param workflow a workflow without problems
     * @return a complete SVG document, or empty when this implementation draws nothing
     */
    Optional<String> svg(Workflow workflow);
}
