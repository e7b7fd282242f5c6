package io.dataflow.core.registry;

import static io.dataflow.core.registry.ObjectStoreContractTest.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.fixtures.RecordingLog;
import io.dataflow.core.identity.AssetId;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of {@link AssetRegistry} that must hold on every backend; one subclass per backend. */
abstract class AssetRegistryContractTest {

    static final String COMMIT = "39206ee8c0ffee00112233445566778899aabbcc";
    static final String OTHER_COMMIT = "4a1b2c3d00112233445566778899aabbccddeeff";

    @TempDir
    Path temp;

    private ObjectStore store;
    private AssetRegistry registry;

    /** A new, empty store for each test. */
    protected abstract ObjectStore newStore(Path temp);

    @BeforeEach
    void openRegistry() {
        store = newStore(temp);
        registry = new AssetRegistry(store, DataflowLog.SILENT);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void firstDeployCreatesBuildOneVisibleAtItsHumanReadableLocation() throws Exception {
        byte[] content = randomBytes(20_000);
        Path jar = file("scala-workflow-1.0.jar", content);

        AssetDeployment deployment = registry.deploy(request(AssetType.JAR, "scala-workflow", git("master"), jar));

        AssetBuild build = deployment.build();
        assertThat(deployment.unchanged()).isFalse();
        assertThat(deployment.bytesSent()).isEqualTo(content.length);
        assertThat(build.id().format()).isEqualTo("dataflow.jar.scala-workflow.user.stranger-data.master.39206ee8.1");
        assertThat(build.key()).isEqualTo("jars/scala-workflow/user/stranger-data/master/39206ee8/1.jar");
        assertThat(build.location()).isEqualTo(store.locationOf(build.key()));
        assertThat(build.size()).isEqualTo(content.length);
        assertThat(build.fullCommit()).isEqualTo(COMMIT);
        assertThat(store.read(build.key())).hasValue(content);

        AssetRegistry fresh = new AssetRegistry(store, DataflowLog.SILENT);
        assertThat(fresh.find(build.id())).hasValue(build);
        assertThat(fresh.newest(AssetType.JAR, "scala-workflow", "master")).hasValue(build);
        assertThat(fresh.build(AssetType.JAR, "scala-workflow", "master", 1)).hasValue(build);
        assertThat(fresh.list(AssetType.JAR, "scala-workflow")).containsExactly(build);
    }

    @Test
    void metadataRecordsProvenanceBesideTheBytes() throws Exception {
        Path jar = file("app.jar", randomBytes(1000));
        GitState git = new GitState(temp, "user", "stranger-data", "feature/x.y", COMMIT, true,
                "https://github.com/user/stranger-data.git", "master");

        AssetBuild build = registry.deploy(new AssetDeployRequest(AssetType.JAR, "scala-workflow", git, jar,
                "io.example:app:1.0", false)).build();

        assertThat(build.id().branch()).isEqualTo("feature-x-y");
        assertThat(build.originalBranch()).isEqualTo("feature/x.y");
        JsonNode metadata = new ObjectMapper().readTree(store.read(AssetRegistry.metadataKey(build.id())).orElseThrow());
        assertThat(metadata.get("id").asText()).isEqualTo(build.id().format());
        assertThat(metadata.get("sha256").asText()).isEqualTo(build.sha256()).hasSize(64);
        assertThat(metadata.get("size").asLong()).isEqualTo(1000);
        assertThat(metadata.get("commit").asText()).isEqualTo(COMMIT);
        assertThat(metadata.get("branch").asText()).isEqualTo("feature/x.y");
        assertThat(metadata.get("remoteUrl").asText()).isEqualTo("https://github.com/user/stranger-data.git");
        assertThat(metadata.get("dirty").asBoolean()).isTrue();
        assertThat(metadata.get("mavenCoordinates").asText()).isEqualTo("io.example:app:1.0");
        assertThat(metadata.get("fileName").asText()).isEqualTo("app.jar");
        assertThat(metadata.get("toolVersion").asText()).isNotBlank();
        assertThat(metadata.get("createdAt").asText()).isEqualTo(build.createdAt().toString());
    }

    @Test
    void unchangedRedeployReusesTheNewestBuildAndSendsNothing() throws Exception {
        Path jar = file("app.jar", randomBytes(10_000));
        AssetBuild first = registry.deploy(request(AssetType.JAR, "app", git("master"), jar)).build();
        long sentBefore = store.bytesSent();

        AssetDeployment again = new AssetRegistry(store, DataflowLog.SILENT)
                .deploy(request(AssetType.JAR, "app", git("master"), jar));

        assertThat(again.unchanged()).isTrue();
        assertThat(again.bytesSent()).isZero();
        assertThat(again.build()).isEqualTo(first);
        assertThat(store.bytesSent()).isEqualTo(sentBefore);
        assertThat(registry.list(AssetType.JAR, "app")).hasSize(1);
    }

    @Test
    void forcedRedeployOfUnchangedBytesMakesANewBuildByServerSideCopy() throws Exception {
        Path jar = file("app.jar", randomBytes(10_000));
        AssetBuild first = registry.deploy(request(AssetType.JAR, "app", git("master"), jar)).build();

        AssetDeployment forced = registry.deploy(new AssetDeployRequest(AssetType.JAR, "app", git("master"), jar,
                null, true));

        assertThat(forced.unchanged()).isFalse();
        assertThat(forced.bytesSent()).isZero();
        assertThat(forced.build().id().build()).isEqualTo(2);
        assertThat(forced.build().sha256()).isEqualTo(first.sha256());
        assertThat(store.read(forced.build().key())).hasValue(Files.readAllBytes(jar));
    }

    @Test
    void changedBytesGetTheNextBuildNumber() throws Exception {
        registry.deploy(request(AssetType.JAR, "app", git("master"), file("app.jar", randomBytes(500))));
        AssetDeployment second = registry.deploy(request(AssetType.JAR, "app", gitAt("master", OTHER_COMMIT),
                file("app.jar", randomBytes(600))));

        assertThat(second.unchanged()).isFalse();
        assertThat(second.build().id().format()).isEqualTo("dataflow.jar.app.user.stranger-data.master.4a1b2c3d.2");
        assertThat(registry.newest(AssetType.JAR, "app", "master")).hasValue(second.build());
        assertThat(registry.list(AssetType.JAR, "app")).extracting(build -> build.id().build()).containsExactly(2, 1);
    }

    @Test
    void identicalBytesOnAnotherLineAreCopiedInsideTheStore() throws Exception {
        byte[] content = randomBytes(40_000);
        AssetBuild onMaster = registry.deploy(request(AssetType.JAR, "app", git("master"), file("app.jar", content)))
                .build();
        long sentBefore = store.bytesSent();

        AssetDeployment onBranch = new AssetRegistry(store, DataflowLog.SILENT)
                .deploy(request(AssetType.JAR, "app", git("feature/copy"), file("app.jar", content)));

        assertThat(onBranch.unchanged()).isFalse();
        assertThat(onBranch.bytesSent()).isZero();
        assertThat(store.bytesSent()).isEqualTo(sentBefore);
        assertThat(onBranch.build().id().format()).isEqualTo("dataflow.jar.app.user.stranger-data.feature-copy.39206ee8.1");
        assertThat(onBranch.build().sha256()).isEqualTo(onMaster.sha256());
        assertThat(store.read(onBranch.build().key())).hasValue(content);
    }

    @Test
    void sixteenConcurrentDeploysOfOneLineGetBuildsOneToSixteen() throws Exception {
        int deploys = 16;
        List<AssetDeployment> results = ObjectStoreContractTest.race(deploys, racer -> {
            Path jar = file("app-" + racer + ".jar", randomBytes(2_000));
            // one registry per deploy, as in 16 separate Maven processes
            return new AssetRegistry(store, DataflowLog.SILENT).deploy(request(AssetType.JAR, "app", git("master"), jar));
        });

        assertThat(results).extracting(deployment -> deployment.build().id().build())
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, deploys).boxed().toList());
        assertThat(new AssetRegistry(store, DataflowLog.SILENT).list(AssetType.JAR, "app")).hasSize(deploys);
    }

    @Test
    void aDeployThatDiedBeforeItsMetadataIsInvisibleAndTheNextDeploySucceeds() throws Exception {
        AssetBuild first = registry.deploy(request(AssetType.JAR, "app", git("master"), file("app.jar", randomBytes(300))))
                .build();
        // A deploy killed after claiming build 2 and uploading its bytes, before writing the metadata.
        String line = first.id().lineKey();
        assertThat(store.createIfAbsent(line + AssetRegistry.CLAIMS_FOLDER + "2", claim(2))).isTrue();
        Path crashed = file("crashed.jar", randomBytes(300));
        store.putFile(line + "39206ee8/2.jar", crashed, FileDigest.of(crashed));

        AssetRegistry reader = new AssetRegistry(store, DataflowLog.SILENT);
        assertThat(reader.list(AssetType.JAR, "app")).containsExactly(first);
        assertThat(reader.newest(AssetType.JAR, "app", "master")).hasValue(first);
        assertThat(reader.build(AssetType.JAR, "app", "master", 2)).isEmpty();
        assertThat(reader.find(new AssetId(AssetType.JAR, "app", "user", "stranger-data", "master", "39206ee8", 2)))
                .isEmpty();

        AssetDeployment next = reader.deploy(request(AssetType.JAR, "app", git("master"), file("next.jar",
                randomBytes(300))));
        assertThat(next.build().id().build()).isEqualTo(3);
        assertThat(reader.newest(AssetType.JAR, "app", "master")).hasValue(next.build());
        assertThat(reader.list(AssetType.JAR, "app")).extracting(build -> build.id().build()).containsExactly(3, 1);
    }

    @Test
    void manyDeadDeploysAboveTheNewestBuildDoNotHideIt() throws Exception {
        Path jar = file("app.jar", randomBytes(300));
        AssetBuild first = registry.deploy(request(AssetType.JAR, "app", git("master"), jar)).build();
        for (int number = 2; number <= 12; number++) {
            store.createIfAbsent(first.id().lineKey() + AssetRegistry.CLAIMS_FOLDER + number, claim(number));
        }

        AssetDeployment again = new AssetRegistry(store, DataflowLog.SILENT)
                .deploy(request(AssetType.JAR, "app", git("master"), jar));
        AssetDeployment changed = new AssetRegistry(store, DataflowLog.SILENT)
                .deploy(request(AssetType.JAR, "app", git("master"), file("app.jar", randomBytes(300))));

        assertThat(again.unchanged()).isTrue();
        assertThat(again.build()).isEqualTo(first);
        assertThat(changed.build().id().build()).isEqualTo(13);
    }

    @Test
    void storedObjectsKeepTheExtensionOfTheirFile() throws Exception {
        AssetBuild wheel = registry.deploy(request(AssetType.WHL, "hello-world", git("master"),
                file("hello_world-0.1-py3-none-any.whl", randomBytes(100)))).build();
        AssetBuild sql = registry.deploy(request(AssetType.SQL, "ddl", git("master"),
                file("create_table.sql", ObjectStoreContractTest.bytes("CREATE TABLE t (id INT);")))).build();
        AssetBuild blob = registry.deploy(request(AssetType.FILE, "blob", git("master"), file("LICENSE",
                randomBytes(100)))).build();

        assertThat(wheel.key()).isEqualTo("whls/hello-world/user/stranger-data/master/39206ee8/1.whl");
        assertThat(sql.key()).isEqualTo("sqls/ddl/user/stranger-data/master/39206ee8/1.sql");
        assertThat(blob.key()).isEqualTo("files/blob/user/stranger-data/master/39206ee8/1.bin");
    }

    @Test
    void listsGoLineByLineNewestFirstAndLinesStaySeparate() throws Exception {
        registry.deploy(request(AssetType.JAR, "app", git("master"), file("a.jar", randomBytes(100))));
        registry.deploy(request(AssetType.JAR, "app", git("dev"), file("b.jar", randomBytes(100))));
        AssetBuild newestMaster = registry.deploy(request(AssetType.JAR, "app", git("master"),
                file("c.jar", randomBytes(100)))).build();
        registry.deploy(request(AssetType.JAR, "app-other", git("master"), file("d.jar", randomBytes(100))));

        List<AssetBuild> builds = new AssetRegistry(store, DataflowLog.SILENT).list(AssetType.JAR, "app");
        assertThat(builds).extracting(build -> build.id().branch() + "." + build.id().build())
                .containsExactly("dev.1", "master.2", "master.1");
        assertThat(registry.newest(AssetType.JAR, "app", "master")).hasValue(newestMaster);
        assertThat(registry.newest(AssetType.JAR, "app", "nope")).isEmpty();
        assertThat(registry.list(AssetType.WHL, "app")).isEmpty();
    }

    @Test
    void invalidRequestsFailWithoutTouchingTheStore() throws Exception {
        Path jar = file("app.jar", randomBytes(100));

        assertThatThrownBy(() -> registry.deploy(request(AssetType.JAR, "Bad.Namespace", git("master"), jar)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Bad.Namespace")
                .hasMessageContaining("[a-z0-9][a-z0-9_-]*");
        assertThatThrownBy(() -> registry.deploy(request(AssetType.JAR, "app", git("master"), temp.resolve("none.jar"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("none.jar")
                .hasMessageContaining("mvn package");
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void aBuildWithDamagedMetadataIsLeftOutOfListingsByNameAndRefusedWhenAskedForExactly() throws Exception {
        AssetBuild damaged = registry.deploy(request(AssetType.JAR, "app", git("master"), file("a.jar", randomBytes(100))))
                .build();
        AssetBuild newest = registry.deploy(request(AssetType.JAR, "app", gitAt("master", OTHER_COMMIT),
                file("b.jar", randomBytes(100)))).build();
        AssetBuild onDev = registry.deploy(request(AssetType.JAR, "app", git("dev"), file("c.jar", randomBytes(100))))
                .build();
        String damagedKey = damageMetadata(damaged);
        RecordingLog log = new RecordingLog();
        AssetRegistry reader = new AssetRegistry(store, log);

        assertThat(reader.list(AssetType.JAR, "app")).containsExactlyInAnyOrder(newest, onDev);
        assertThat(log.warnings()).singleElement().asString().contains(store.locationOf(damagedKey));
        assertThat(reader.newest(AssetType.JAR, "app", "master")).hasValue(newest);
        assertThat(reader.newest(AssetType.JAR, "app", "dev")).hasValue(onDev);
        assertThatThrownBy(() -> reader.build(AssetType.JAR, "app", "master", 1))
                .isInstanceOf(DamagedRecordException.class)
                .hasMessageContaining(store.locationOf(damagedKey))
                .hasMessageContaining("dataflow:check-registry");
        assertThatThrownBy(() -> reader.find(damaged.id()))
                .isInstanceOfSatisfying(DamagedRecordException.class, e -> assertThat(e.key()).isEqualTo(damagedKey));
    }

    @Test
    void aDamagedNewestBuildIsNeverSilentlyReplacedByAnOlderOneButOtherLinesStillResolve() throws Exception {
        registry.deploy(request(AssetType.JAR, "app", git("master"), file("a.jar", randomBytes(100))));
        AssetBuild newest = registry.deploy(request(AssetType.JAR, "app", gitAt("master", OTHER_COMMIT),
                file("b.jar", randomBytes(100)))).build();
        AssetBuild onDev = registry.deploy(request(AssetType.JAR, "app", git("dev"), file("c.jar", randomBytes(100))))
                .build();
        String damagedKey = damageMetadata(newest);
        AssetRegistry reader = new AssetRegistry(store, DataflowLog.SILENT);

        assertThatThrownBy(() -> reader.newest(AssetType.JAR, "app", "master"))
                .isInstanceOf(DamagedRecordException.class)
                .hasMessageContaining(store.locationOf(damagedKey));
        assertThat(reader.newest(AssetType.JAR, "app", "dev")).hasValue(onDev);
    }

    @Test
    void aDeployMakesANewBuildWhenTheNewestBuildOfItsLineIsDamaged() throws Exception {
        Path jar = file("a.jar", randomBytes(100));
        registry.deploy(request(AssetType.JAR, "app", git("master"), jar));
        AssetBuild damaged = registry.deploy(request(AssetType.JAR, "app", git("master"), file("b.jar",
                randomBytes(100)))).build();
        String damagedKey = damageMetadata(damaged);
        RecordingLog log = new RecordingLog();

        AssetDeployment again = new AssetRegistry(store, log).deploy(request(AssetType.JAR, "app", git("master"), jar));

        assertThat(again.unchanged()).as("build 1 has these bytes, but build 2 would stay the newest").isFalse();
        assertThat(again.build().id().build()).isEqualTo(3);
        assertThat(log.warnings()).anySatisfy(warning -> assertThat(warning).contains(store.locationOf(damagedKey)));
        assertThat(new AssetRegistry(store, DataflowLog.SILENT).newest(AssetType.JAR, "app", "master"))
                .hasValue(again.build());
    }

    /** Replaces the build's metadata by its first half, as a truncated write or a broken disk would. */
    private String damageMetadata(AssetBuild build) {
        String key = AssetRegistry.metadataKey(build.id());
        byte[] whole = store.read(key).orElseThrow();
        store.delete(key);
        assertThat(store.createIfAbsent(key, java.util.Arrays.copyOf(whole, whole.length / 2))).isTrue();
        return key;
    }

    @Test
    void theFirstRepositoryToDeployANamespaceOwnsItAndAnotherRepositoryIsRefusedBeforeAnyWrite() throws Exception {
        AssetBuild own = registry.deploy(request(AssetType.JAR, "app", git("master"), file("a.jar", randomBytes(100))))
                .build();
        JsonNode owner = new ObjectMapper().readTree(store.read("owners/namespaces/app.json").orElseThrow());
        assertThat(owner.get("owner").asText()).isEqualTo("user");
        assertThat(owner.get("repo").asText()).isEqualTo("stranger-data");
        List<String> keys = store.list("");

        GitState other = new GitState(temp, "other", "copy", "master", OTHER_COMMIT, false, null, "master");
        Path jar = file("b.jar", randomBytes(100));
        assertThatThrownBy(() -> new AssetRegistry(store, DataflowLog.SILENT).deploy(request(AssetType.JAR, "app", other,
                jar))).isInstanceOf(InvalidInputException.class)
                .hasMessage("Namespace 'app' (" + jar + ") belongs to repository user/stranger-data (claimed by "
                        + owner.get("claimedBy").asText() + " at " + owner.get("claimedAt").asText() + "), so this"
                        + " repository (other/copy) cannot deploy it. Nothing was written to the registry. Give the"
                        + " asset a namespace of its own, or deploy it from user/stranger-data. Workflows of this"
                        + " repository can still use that repository's builds: ${dataflow.jar.app}.");
        assertThat(store.list("")).isEqualTo(keys);
        // The owner's own next deploy is unaffected.
        assertThat(registry.deploy(request(AssetType.JAR, "app", git("master"), file("c.jar", randomBytes(100))))
                .build().id().build()).isEqualTo(2);
        assertThat(new AssetRegistry(store, DataflowLog.SILENT).newest(AssetType.JAR, "app", "master")
                .map(build -> build.id().build())).contains(2);
        assertThat(own.id().build()).isEqualTo(1);
    }

    @Test
    void referencesResolveWithinTheOwnersLinesWhateverAnotherRepositoryDeployedLater() throws Exception {
        AssetBuild own = registry.deploy(request(AssetType.JAR, "app", git("master"), file("a.jar", randomBytes(100))))
                .build();
        // A deploy by a Dataflow version without ownership records, later (a newer clock) and from another repository.
        GitState other = new GitState(temp, "other", "copy", "master", OTHER_COMMIT, false, null, "master");
        try (ObjectStore old = new PreUpgradeStore(store, PreUpgradeStore.NEWER_RECORDS)) {
            new AssetRegistry(old, DataflowLog.SILENT).deploy(request(AssetType.JAR, "app", other,
                    file("b.jar", randomBytes(100))));
            new AssetRegistry(old, DataflowLog.SILENT).deploy(request(AssetType.JAR, "app", other,
                    file("c.jar", randomBytes(100))));
        }

        AssetRegistry fresh = new AssetRegistry(store, DataflowLog.SILENT);
        assertThat(fresh.newest(AssetType.JAR, "app", "master")).hasValue(own);
        assertThat(fresh.build(AssetType.JAR, "app", "master", 1)).hasValue(own);
        assertThat(fresh.build(AssetType.JAR, "app", "master", 2)).isEmpty();
        assertThat(fresh.newestOnLine(AssetType.JAR, "app", "other", "copy", "master").map(b -> b.id().build()))
                .contains(2);
        assertThat(fresh.list(AssetType.JAR, "app")).extracting(build -> build.id().owner() + "." + build.id().build())
                .containsExactly("other.2", "other.1", "user.1");
    }

    @Test
    void aNamespaceWithoutOwnerResolvesOnlyWhileOneRepositoryHasBuildsAndTheNextDeployClaimsIt() throws Exception {
        GitState other = new GitState(temp, "other", "copy", "master", OTHER_COMMIT, false, null, "master");
        try (ObjectStore old = new PreUpgradeStore(store, PreUpgradeStore.NEWER_RECORDS)) {
            AssetBuild first = new AssetRegistry(old, DataflowLog.SILENT).deploy(request(AssetType.JAR, "app",
                    git("master"), file("a.jar", randomBytes(100)))).build();
            assertThat(new AssetRegistry(store, DataflowLog.SILENT).newest(AssetType.JAR, "app", "master"))
                    .hasValue(first);
            new AssetRegistry(old, DataflowLog.SILENT).deploy(request(AssetType.JAR, "app", other,
                    file("b.jar", randomBytes(100))));
        }
        assertThat(store.list("owners/")).isEmpty();

        assertThatThrownBy(() -> new AssetRegistry(store, DataflowLog.SILENT).newest(AssetType.JAR, "app", "master"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("namespace 'app' has builds on branch 'master' from several repositories (other/copy,"
                        + " user/stranger-data) and no owner yet, so 'jar' references to it cannot choose between"
                        + " them. Deploy it once from the repository it belongs to (the first deploy claims it), or"
                        + " reference one build by its full UUID");

        // The first deploy after the upgrade claims the namespace; from then on its lines are the ones resolved.
        AssetBuild claimed = registry.deploy(request(AssetType.JAR, "app", git("master"),
                file("c.jar", randomBytes(100)))).build();
        assertThat(store.list("owners/")).containsExactly("owners/namespaces/app.json");
        assertThat(new AssetRegistry(store, DataflowLog.SILENT).newest(AssetType.JAR, "app", "master"))
                .hasValue(claimed);
    }

    /** The claim record a deploy writes before uploading. */
    private static byte[] claim(int number) {
        return ObjectStoreContractTest.bytes("{\"build\":" + number + ",\"commit\":\"" + COMMIT + "\"}");
    }

    private Path file(String name, byte[] content) throws Exception {
        Path dir = Files.createTempDirectory(temp, "asset");
        return Files.write(dir.resolve(name), content);
    }

    private GitState git(String branch) {
        return gitAt(branch, COMMIT);
    }

    private GitState gitAt(String branch, String commit) {
        return new GitState(temp, "user", "stranger-data", branch, commit, false, null, "master");
    }

    private static AssetDeployRequest request(AssetType type, String namespace, GitState git, Path file) {
        return new AssetDeployRequest(type, namespace, git, file, null, false);
    }
}
