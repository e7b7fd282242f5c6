package io.dataflow.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.Manifest;
import io.dataflow.core.fixtures.RecordingLog;
import io.dataflow.core.picture.DagPictures;
import io.dataflow.core.registry.LocalObjectStore;
import io.dataflow.core.release.WorkflowReleases;
import io.dataflow.core.workflow.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a project's DAG pictures go: beside each rendered workflow, and into each released bundle. */
class ProjectPicturesTest {

    /** A plain drawing naming the workflow and its steps; the real one (ELK) lives in dataflow-picture. */
    private static final DagPictures LIST_OF_STEPS = workflow -> Optional.of("<svg><title>" + workflow.id()
            + "</title>" + workflow.allSteps().stream().map(Step::id).collect(Collectors.joining(" ")) + "</svg>\n");

    @TempDir
    Path temp;

    private ProjectFixture fixture;
    private LocalObjectStore store;
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void createProject() throws Exception {
        fixture = ProjectFixture.create(temp.resolve("stranger-data"));
        store = new LocalObjectStore(temp.resolve("registry"));
    }

    @AfterEach
    void closeProject() {
        fixture.close();
    }

    @Test
    void verifyWritesEachPictureBesideItsRenderedFileNamedTheSameWay() throws Exception {
        fixture.write("flows/nightly/extra.sch.yaml", ProjectFixture.REPORT_WORKFLOW.replace("stranger-data.report",
                "stranger-data.extra"));

        VerifyReport report = new DataflowProject(fixture.modules(), log, LIST_OF_STEPS).verify(store,
                ProjectOptions.defaults());

        Path target = fixture.path("flows/target/dataflow");
        assertThat(report.workflows()).extracting(workflow -> workflow.picture().file()).containsExactly(
                target.resolve("main.svg"), target.resolve("nightly.extra.svg"), target.resolve("report.svg"));
        assertThat(report.workflows()).extracting(RenderedWorkflow::renderedFile).containsExactly(
                target.resolve("main.sch.rendered.yaml"), target.resolve("nightly.extra.sch.rendered.yaml"),
                target.resolve("report.sch.rendered.yaml"));
        assertThat(target.resolve("main.svg")).hasContent("<svg><title>stranger-data.main</title>ddl write</svg>");
        assertThat(target.resolve("report.svg")).hasContent("<svg><title>stranger-data.report</title>report done</svg>");
        assertThat(report.workflows().get(0).picture().svg()).isEqualTo(Files.readString(target.resolve("main.svg")));
    }

    @Test
    void aProjectWithoutPicturesWritesNone() throws Exception {
        VerifyReport report = new DataflowProject(fixture.modules(), log).verify(store, ProjectOptions.defaults());

        assertThat(report.workflows()).allSatisfy(workflow -> assertThat(workflow.picture()).isNull());
        try (Stream<Path> files = Files.list(fixture.path("flows/target/dataflow"))) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> !name.equals("maestro")))
                    .as("no picture beside the rendered files (maestro/ holds the Maestro preview)")
                    .containsExactlyInAnyOrder("main.sch.rendered.yaml", "report.sch.rendered.yaml");
        }
    }

    @Test
    void aWorkflowWithProblemsGetsNoPicture() throws Exception {
        fixture.write("flows/broken.sch.yaml", ProjectFixture.REPORT_WORKFLOW
                .replace("stranger-data.report", "stranger-data.broken").replace("report -> done", "report -> nowhere"));

        assertThatThrownBy(() -> new DataflowProject(fixture.modules(), log, LIST_OF_STEPS).verify(store,
                ProjectOptions.defaults())).isInstanceOf(InvalidInputException.class).hasMessageContaining("nowhere");

        assertThat(fixture.path("flows/target/dataflow/broken.svg")).doesNotExist();
        assertThat(fixture.path("flows/target/dataflow/main.svg")).exists();
    }

    @Test
    void deployStoresTheSamePictureInEachBundleAndHistoryPrintsWhere() throws Exception {
        DeployReport report = new DataflowProject(fixture.modules(), log, LIST_OF_STEPS).deploy(store,
                ProjectOptions.defaults());

        WorkflowReleases releases = new WorkflowReleases(store, log);
        for (RenderedWorkflow workflow : report.workflows()) {
            Manifest manifest = releases.manifest(workflow.workflowId(), 1).orElseThrow();
            String key = "workflows/" + workflow.workflowId() + "/versions/1/workflow.svg";
            assertThat(manifest.picture().key()).isEqualTo(key);
            assertThat(store.read(key)).hasValueSatisfying(
                    bytes -> assertThat(bytes).isEqualTo(readAllBytes(workflow.picture().file())));
        }
        assertThat(releases.history(ProjectFixture.MAIN_ID).toText()).contains(
                "      picture " + store.locationOf("workflows/stranger-data.main/versions/1/workflow.svg"));
    }

    private static byte[] readAllBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
