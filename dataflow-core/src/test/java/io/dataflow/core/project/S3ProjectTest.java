package io.dataflow.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.fixtures.RecordingLog;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.registry.S3ProxyServer;
import io.dataflow.core.release.ReleasedWorkflow;
import io.dataflow.core.release.WorkflowReleases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole verify/deploy cycle against a real S3 server (S3Proxy checking signatures). */
class S3ProjectTest {

    @TempDir
    Path temp;

    private ProjectFixture fixture;
    private ObjectStore store;
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void createProject() throws Exception {
        fixture = ProjectFixture.create(temp.resolve("stranger-data"));
        store = ObjectStores.open(S3ProxyServer.shared().settings(S3ProxyServer.uniqueRegistry()));
    }

    @AfterEach
    void close() {
        store.close();
        fixture.close();
    }

    private DataflowProject project() {
        return new DataflowProject(fixture.modules(), log);
    }

    @Test
    void verifyReadsOnlyThenDeploysReleaseVersionsAndBadInputChangesNothing() throws Exception {
        project().verify(store, ProjectOptions.defaults());
        assertThat(store.list("")).as("verify writes nothing to the registry").isEmpty();

        DeployReport first = project().deploy(store, ProjectOptions.defaults());
        fixture.writeJar("jar bytes, version 2 on S3");
        DeployReport second = project().deploy(store, ProjectOptions.defaults());

        String firstJar = first.assets().get(0).deployment().build().id().format();
        String secondJar = second.assets().get(0).deployment().build().id().format();
        assertThat(firstJar).endsWith(".1");
        assertThat(secondJar).endsWith(".2");
        assertThat(second.assets().get(0).deployment().build().location())
                .startsWith("s3://" + S3ProxyServer.BUCKET + "/").endsWith("/jars/jobs/user/stranger-data/master/"
                        + second.git().shortCommit() + "/2.jar");
        assertThat(second.released()).extracting(ReleasedWorkflow::version).containsExactly(2, 2);
        assertThat(Files.readString(fixture.path("flows/target/dataflow/main.sch.rendered.yaml")))
                .contains("jar: " + second.assets().get(0).deployment().build().location())
                .contains("script: s3://" + S3ProxyServer.BUCKET + "/");
        assertThat(new WorkflowReleases(store, log).activeVersion(ProjectFixture.MAIN_ID)).contains(2);

        fixture.writeJar("jar bytes, version 3 never deployed");
        fixture.write("flows/report.sch.yaml", ProjectFixture.REPORT_WORKFLOW.replace("${dataflow.jar.jobs}",
                "${dataflow.jar.jobs.master.9}"));
        Map<String, String> before = ProjectFixture.contents(store);
        assertThat(before.keySet()).as("the listing sees what the deploys stored")
                .anyMatch(key -> key.endsWith("/2.jar")).anyMatch(key -> key.startsWith("workflows/"));

        assertThatThrownBy(() -> project().deploy(store, ProjectOptions.defaults()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("${dataflow.jar.jobs.master.9}")
                .hasMessageContaining("no build 9");
        assertThat(ProjectFixture.contents(store)).isEqualTo(before);
    }
}
