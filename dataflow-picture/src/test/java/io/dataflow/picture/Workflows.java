package io.dataflow.picture;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.core.fixtures.ArchetypeSample;
import io.dataflow.core.workflow.ParsedWorkflow;
import io.dataflow.core.workflow.Workflow;
import io.dataflow.core.workflow.WorkflowParser;
import io.dataflow.core.workflow.WorkflowValidator;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The workflows the pictures are drawn from: a test file with every kind of step, and the archetype samples. */
final class Workflows {

    static final Path REPOSITORY = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    static final List<String> ARCHETYPES = List.of("sparksql", "scala", "pyspark");
    static final List<String> SAMPLE_NAMES = List.of("main", "daily", "backfill");

    private Workflows() {}

    /** {@code src/test/resources/workflows/everything.sch.yaml}. */
    static Workflow everything() {
        try {
            return load(Path.of(Workflows.class.getResource("/workflows/everything.sch.yaml").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A workflow of a project generated from an archetype with the properties of its own IT, made from the archetype's
     * templates into {@code target/archetype-samples/<archetype>/} (once per archetype and JVM).
     */
    static Path sample(String archetype, String name) {
        Path generated = REPOSITORY.resolve("dataflow-picture/target/archetype-samples/" + archetype);
        synchronized (Workflows.class) {
            if (!java.nio.file.Files.isDirectory(generated)) {
                ArchetypeSample.generate(archetype, generated);
            }
        }
        return generated.resolve(name + ".sch.yaml");
    }

    static Stream<Path> samples() {
        return ARCHETYPES.stream().flatMap(archetype -> SAMPLE_NAMES.stream().map(name -> sample(archetype, name)));
    }

    /** Parses and validates: only workflows without problems are drawn. */
    static Workflow load(Path file) {
        ParsedWorkflow parsed = WorkflowParser.parse(file);
        assertThat(parsed.problems()).as("problems of %s", file).isEmpty();
        assertThat(WorkflowValidator.validate(parsed.workflow())).as("problems of %s", file).isEmpty();
        return parsed.workflow();
    }
}
