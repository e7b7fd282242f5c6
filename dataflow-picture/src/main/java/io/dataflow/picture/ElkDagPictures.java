package io.dataflow.picture;

import io.dataflow.core.picture.DagPictures;
import io.dataflow.core.workflow.Workflow;
import java.util.Optional;

/**
 * DAG pictures laid out by Eclipse ELK: jobs as boxes labelled with id and type, Write-Audit-Publish templates as a
 * group showing write, audits and publish, foreach bodies as a group, subworkflows with a double frame, arrows from
 * the dag. The same workflow always gives the same bytes. Stateless and safe to share between threads.
 */
public final class ElkDagPictures implements DagPictures {

    @Override
    public Optional<String> svg(Workflow workflow) {
        Diagram diagram = DiagramBuilder.of(workflow);
        return Optional.of(SvgWriter.write(diagram, ElkLayout.layout(diagram)));
    }
}
