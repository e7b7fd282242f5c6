package io.dataflow.e2e;

import static io.dataflow.e2e.SampleWorkspace.sha256;
import static io.dataflow.e2e.SampleWorkspace.writtenRows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Scala sample: its job JAR is deployed as an asset build, the workflow version references it, and a local run
 * executes that JAR from the bundle.
 */
class ScalaSampleIT {

    private static final String NAMESPACE = "e2e-scala";
    private static final String WORKFLOW = "e2e.scala-titles";
    private static final String MAIN = WORKFLOW + ".main";

    @Test
    void deployedJarRunsFromTheBundle() throws Exception {
        SampleWorkspace workspace = SampleWorkspace.create("scala");
        Path project = workspace.generate("dataflow-archetype-scala", "scala-titles",
                "-Dpackage=com.example.e2e.scala", "-DworkflowId=" + WORKFLOW, "-Dnamespace=" + NAMESPACE,
                "-Dusername=e2e_scala");
        String commit = SampleWorkspace.initGit(project, "scala-titles");

        // The sample's unit tests are run by the archetype IT; here the build of the JAR and its deploy are tested.
        String deploy = workspace.maven.succeed(project, "deploy", "-DskipTests");
        String uuid = "dataflow.jar." + NAMESPACE + "." + SampleWorkspace.OWNER + ".scala-titles.main." + commit + ".1";
        assertThat(deploy).contains("DEPLOYED AS " + uuid)
                .contains("-> ./main.sch.yaml… DEPLOYED AS " + MAIN + " version 1");

        Path jar = workspace.registry.resolve(
                "jars/" + NAMESPACE + "/" + SampleWorkspace.OWNER + "/scala-titles/main/" + commit + "/1.jar");
        assertThat(jar).isRegularFile();
        assertThat(project.resolve("target/dataflow/main.sch.rendered.yaml")).content(StandardCharsets.UTF_8)
                .contains("jar: " + workspace.registryUri() + "/" + workspace.registry.relativize(jar))
                .doesNotContain("${dataflow.");

        JsonNode run = workspace.run(project, MAIN, "2024-03-01");
        assertThat(writtenRows(run)).isBetween(19_000L, 19_100L);
        JsonNode asset = run.path("bundles").path(0).path("assets").path(0);
        assertThat(asset.path("uuid").asText()).isEqualTo(uuid);
        assertThat(asset.path("sha256").asText()).isEqualTo(sha256(jar));
    }
}
