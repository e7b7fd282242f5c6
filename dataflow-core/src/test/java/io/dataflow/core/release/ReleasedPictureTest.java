package io.dataflow.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.bundle.BundleReader;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.bundle.Manifest;
import io.dataflow.core.bundle.Sha256;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.registry.LocalObjectStore;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.registry.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The DAG picture a release stores in its bundle, on every registry backend. */
class ReleasedPictureTest {

    private static final String COMMIT = "39206ee8aaaabbbbccccddddeeeeffff00001111";
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final String YAML = "Workflow:\n  id: daily\n";
    private static final String PICTURE = "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>daily</text></svg>\n";

    @TempDir
    Path work;

    static Stream<Named<Function<Path, ObjectStore>>> backends() {
        return Stream.of(Named.of("local", LocalObjectStore::new),
                Named.of("s3", scratch -> ObjectStores.open(
                        S3ProxyServer.shared().settings(S3ProxyServer.uniqueRegistry()))));
    }

    private ReleasedWorkflow release(WorkflowReleases releases, String yaml, String picture) {
        ReleaseContext context = new ReleaseContext(new GitState(work, "user", "stranger-data", "master", COMMIT, false,
                "https://github.com/user/stranger-data.git", "master"), "alice", NOW, "0.1.0-test");
        return releases.release(List.of(new WorkflowCandidate("daily", yaml, "flows/daily.sch.yaml", List.of(),
                List.of(), picture)), context).get(0);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theBundleHoldsThePictureTheManifestListsAndHistoryTellsWhereItIs(Function<Path, ObjectStore> backend)
            throws Exception {
        try (ObjectStore store = backend.apply(work.resolve("registry"))) {
            WorkflowReleases releases = new WorkflowReleases(store, DataflowLog.SILENT);

            assertThat(release(releases, YAML, PICTURE).version()).isEqualTo(1);

            byte[] bytes = PICTURE.getBytes(StandardCharsets.UTF_8);
            String key = "workflows/daily/versions/1/workflow.svg";
            Manifest manifest = releases.manifest("daily", 1).orElseThrow();
            assertThat(manifest.picture()).isEqualTo(new Manifest.Picture(key, Sha256.of(bytes), bytes.length));
            assertThat(store.read(key)).hasValueSatisfying(stored -> assertThat(stored).isEqualTo(bytes));
            HistoryReport history = releases.history("daily");
            assertThat(history.versions().get(0).picture()).isEqualTo(store.locationOf(key));
            assertThat(history.toText()).contains("      picture " + store.locationOf(key));
            assertThat(new ObjectMapper().readTree(history.toJson()).get("versions").get(0).get("picture").asText())
                    .isEqualTo(store.locationOf(key));
            Path local = new BundleReader(store).download(manifest, work.resolve("bundle"));
            assertThat(local.resolve("workflow.svg")).hasBinaryContent(bytes);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aNewDrawingOfTheSameWorkflowIsNotANewVersion(Function<Path, ObjectStore> backend) {
        try (ObjectStore store = backend.apply(work.resolve("registry"))) {
            WorkflowReleases releases = new WorkflowReleases(store, DataflowLog.SILENT);
            release(releases, YAML, PICTURE);

            ReleasedWorkflow again = release(releases, YAML, PICTURE.replace("daily", "daily, drawn anew"));

            assertThat(again.unchanged()).isTrue();
            assertThat(again.version()).isEqualTo(1);
            assertThat(store.read("workflows/daily/versions/1/workflow.svg").map(String::new)).contains(PICTURE);
            assertThat(release(releases, YAML + "# changed\n", PICTURE).version()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aVersionWithoutPictureIsStoredAndListedAsBefore(Function<Path, ObjectStore> backend) throws Exception {
        try (ObjectStore store = backend.apply(work.resolve("registry"))) {
            WorkflowReleases releases = new WorkflowReleases(store, DataflowLog.SILENT);

            release(releases, YAML, null);

            JsonNode manifest = new ObjectMapper().readTree(store.read("workflows/daily/versions/1/manifest.json")
                    .orElseThrow());
            assertThat(manifest.has("picture")).isFalse();
            assertThat(store.exists("workflows/daily/versions/1/workflow.svg")).isFalse();
            HistoryReport history = releases.history("daily");
            assertThat(history.versions().get(0).picture()).isNull();
            assertThat(history.toText()).noneMatch(line -> line.contains("picture"));
            Path local = new BundleReader(store).download(releases.manifest("daily", 1).orElseThrow(),
                    work.resolve("bundle"));
            assertThat(local.resolve("workflow.sch.rendered.yaml")).exists();
            assertThat(Files.exists(local.resolve("workflow.svg"))).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void manifestsWrittenBeforePicturesStillRead(Function<Path, ObjectStore> backend) {
        // Exactly what the tool wrote before pictures existed: no "picture" field.
        String older = """
                {"schemaVersion":1,"workflowId":"daily","version":1,"releaseId":"r-1","createdAt":"2026-11-21T12:00:00Z",
                 "deployer":"alice","toolVersion":"0.1.0",
                 "git":{"owner":"user","repo":"stranger-data","branch":"master","commit":"%s","dirty":false,"remote":null},
                 "workflow":{"sourcePath":"flows/daily.sch.yaml","key":"workflows/daily/versions/1/workflow.sch.rendered.yaml",
                             "sha256":"%s","size":%d},
                 "assets":[],"files":[]}
                """.formatted(COMMIT, Sha256.of(YAML.getBytes(StandardCharsets.UTF_8)), YAML.length());
        try (ObjectStore store = backend.apply(work.resolve("registry"))) {
            store.createIfAbsent(BundleLayout.claimKey("daily", 1), "{\"version\":1}".getBytes(StandardCharsets.UTF_8));
            store.createIfAbsent("workflows/daily/versions/1/workflow.sch.rendered.yaml",
                    YAML.getBytes(StandardCharsets.UTF_8));
            store.createIfAbsent("workflows/daily/versions/1/manifest.json", older.getBytes(StandardCharsets.UTF_8));
            WorkflowReleases releases = new WorkflowReleases(store, DataflowLog.SILENT);

            assertThat(Json.read(older.getBytes(StandardCharsets.UTF_8), Manifest.class, "older").picture()).isNull();
            assertThat(releases.history("daily").versions()).singleElement()
                    .satisfies(version -> assertThat(version.picture()).isNull());
            // A release with a picture then adds version 2 beside it.
            assertThat(release(releases, YAML + "# v2\n", PICTURE).version()).isEqualTo(2);
            assertThat(releases.history("daily").toText()).containsOnlyOnce(
                    "      picture " + store.locationOf("workflows/daily/versions/2/workflow.svg"));
        }
    }
}
