package io.dataflow.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowDiscoveryTest {

    @TempDir
    Path module;

    private Path touch(String relative) throws Exception {
        Path file = module.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "Workflow: {}\n");
    }

    @Test
    void findsTheModulesOwnWorkflowsOnly() throws Exception {
        Path main = touch("main.sch.yaml");
        Path daily = touch("flows/daily.sch.yaml");
        touch("target/dataflow/main.sch.yaml");
        touch("child/main.sch.yaml");
        touch(".git/x.sch.yaml");
        touch("notes.yaml");
        touch("flows/main.sch.rendered.yaml");

        List<Path> found = WorkflowDiscovery.find(module, List.of(module.resolve("child")));

        assertThat(found).containsExactly(daily, main);
    }

    @Test
    void renderedNamesKeepSubdirectoriesApart() {
        assertThat(WorkflowDiscovery.renderedFileName(module, module.resolve("main.sch.yaml")))
                .isEqualTo("main.sch.rendered.yaml");
        assertThat(WorkflowDiscovery.renderedFileName(module, module.resolve("flows/main.sch.yaml")))
                .isEqualTo("flows.main.sch.rendered.yaml");
    }

    @Test
    void duplicateWorkflowIdsAcrossFilesAreProblems() throws Exception {
        Path a = Files.writeString(module.resolve("a.sch.yaml"), "Workflow:\n  id: same\n  jobs: [{job: {id: x, type: NoOp}}]\n");
        Path b = Files.writeString(module.resolve("b.sch.yaml"), "Workflow:\n  id: same\n  jobs: [{job: {id: x, type: NoOp}}]\n");
        TestRegistry registry = new TestRegistry(Files.createDirectories(module.resolve("target")));
        ReferenceResolver resolver = new ReferenceResolver(registry.catalog(), List.of(),
                WorkflowFixtures.git(module, "master"), registry::location);
        WorkflowRenderer renderer = new WorkflowRenderer(resolver, module);

        List<Problem> problems = WorkflowDiscovery.duplicateIds(List.of(renderer.render(a), renderer.render(b)));

        assertThat(problems).extracting(Problem::format)
                .containsExactly(b + ":2:3: workflow id 'same' is also used by " + a + "; give each workflow its own id.");
    }
}
