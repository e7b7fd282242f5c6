package io.dataflow.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.BundledFile;
import io.dataflow.core.bundle.Sha256;
import io.dataflow.core.check.Finding.Kind;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.registry.AssetBuild;
import io.dataflow.core.registry.AssetKeys;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.FileDigest;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.release.ActivationLog;
import io.dataflow.core.release.ReleasedWorkflow;
import io.dataflow.core.release.WorkflowReleases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataflow:check-registry} on every backend: what it verifies, what it reports, what repair removes. */
abstract class RegistryCheckContractTest {

    static final String COMMIT = RegistryFixture.COMMIT;

    @TempDir
    Path work;

    ObjectStore store;
    private RegistryFixture fixture;
    private AssetBuild first;
    private AssetBuild second;

    abstract ObjectStore newStore(Path scratch);

    /** Leaves what an interrupted write of this backend leaves outside any key. */
    abstract void leaveInterruptedWrite() throws Exception;

    @BeforeEach
    void deployTwice() throws Exception {
        store = newStore(work.resolve("registry"));
        fixture = new RegistryFixture(work);
        first = deployJar("jar one");
        release(first, "select 1");
        second = deployJar("jar two");
        release(second, "select 2");
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aHealthyRegistryIsVerifiedWithoutFindings() {
        CheckReport report = check(CheckOptions.readOnly());

        assertThat(report.findings()).isEmpty();
        assertThat(report.builds()).isEqualTo(2);
        assertThat(report.versions()).isEqualTo(2);
        assertThat(report.activations()).isEqualTo(2);
        assertThat(report.sharedFiles()).isEqualTo(2);
        assertThat(report.ownership()).isPositive().isEqualTo(store.list("owners/").size());
        assertThat(report.lines()).last().asString()
                .isEqualTo("Summary: 0 damaged, corrupt or missing record(s), 0 orphan(s) (0 removable with "
                        + "-Ddataflow.repair), 0 version(s) never activated.");
        report.requireNoProblems();
    }

    @Test
    void damagedRecordsAndCorruptBytesAreReportedByKeyAndFailTheCheck() throws Exception {
        String metadata = AssetRegistry.metadataKey(first.id());
        truncate(metadata);
        String activation = store.list(ActivationLog.PREFIX).stream()
                .filter(key -> ActivationLog.sequenceOf(key).isPresent()).findFirst().orElseThrow();
        truncate(activation);
        String manifest = BundleLayout.manifestKey("daily", 2);
        store.delete(manifest);
        replaceBytes(second.key(), "jar TWO"); // same size, other bytes
        String bundleCopy = store.list(BundleLayout.versionPrefix("daily", 1) + "assets/").get(0);
        replaceBytes(bundleCopy, "jar ONE");

        String owner = store.list("owners/").get(0);
        truncate(owner);

        CheckReport report = check(CheckOptions.readOnly());

        assertThat(report.problems()).extracting(Finding::kind, Finding::key).containsExactlyInAnyOrder(
                tuple(Kind.DAMAGED, owner),
                tuple(Kind.DAMAGED, metadata),
                tuple(Kind.DAMAGED, activation),
                tuple(Kind.MISSING, manifest),
                tuple(Kind.CORRUPT, second.key()),
                tuple(Kind.CORRUPT, bundleCopy));
        assertThat(report.findings(Kind.NEVER_ACTIVATED)).as("its only activation record is the damaged one")
                .extracting(Finding::key).containsExactly(BundleLayout.manifestKey("daily", 1));
        assertThat(report.lines()).anySatisfy(line -> assertThat(line)
                .startsWith("DAMAGED " + store.locationOf(metadata) + ": unreadable asset metadata"));
        assertThat(report.lines()).anySatisfy(line -> assertThat(line)
                .startsWith("MISSING " + store.locationOf(manifest) + ": version 2 of daily is named by activation record #2"));
        assertThat(report.lines()).anySatisfy(line -> assertThat(line).startsWith("CORRUPT "
                + store.locationOf(second.key()) + ": visible build " + second.id() + " does not match its record: stored "));
        assertThatThrownBy(report::requireNoProblems).isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("6 damaged, corrupt or missing record(s)");
        assertThat(check(new CheckOptions(true, CheckOptions.DEFAULT_GRACE, later())).removed())
                .as("repair never removes damaged records").extracting(Finding::kind).containsOnly(Kind.ORPHAN);
        assertThat(check(CheckOptions.readOnly()).problems()).hasSize(6);
    }

    @Test
    void orphansOfInterruptedWritesAreReportedAndRepairRemovesOnlyOldGarbage() throws Exception {
        ReleasedWorkflow neverActivated = releaseWithoutActivation(second, "select 3");
        String line = first.id().lineKey();
        String deadClaim = AssetKeys.claimKey(line, 3);
        String highestDeadClaim = AssetKeys.claimKey(line, 4);
        store.createIfAbsent(deadClaim, bytes("{\"build\":3,\"commit\":\"" + COMMIT + "\"}"));
        store.createIfAbsent(highestDeadClaim, bytes("{\"build\":4,\"commit\":\"" + COMMIT + "\"}"));
        String deadBytes = line + "39206ee8/3.jar";
        Path jar = Files.writeString(work.resolve("dead.jar"), "dead jar");
        store.putFile(deadBytes, jar, FileDigest.of(jar));
        String unreferencedFile = BundledFile.contentKey(Sha256.of(jar), "dead.sql");
        store.putFile(unreferencedFile, jar, FileDigest.of(jar));
        String deadVersionClaim = BundleLayout.claimKey("daily", 4);
        String deadRendered = BundleLayout.renderedKey("daily", 4);
        store.createIfAbsent(deadVersionClaim, bytes("{\"version\":4}"));
        store.createIfAbsent(deadRendered, bytes("Workflow: {}"));
        leaveInterruptedWrite();
        List<String> visibleBefore = visibleBuilds();

        CheckReport now = check(CheckOptions.readOnly());

        assertThat(now.problems()).isEmpty();
        List<String> orphans = now.findings(Kind.ORPHAN).stream().map(Finding::key).toList();
        assertThat(orphans).hasSize(7).contains(deadClaim, highestDeadClaim, deadBytes, unreferencedFile,
                deadVersionClaim, deadRendered);
        assertThat(now.findings()).as("nothing is removable before the grace period").noneMatch(Finding::removable);
        assertThat(now.findings(Kind.NEVER_ACTIVATED)).extracting(Finding::key)
                .containsExactly(BundleLayout.manifestKey("daily", neverActivated.version()));
        assertThat(check(new CheckOptions(true, CheckOptions.DEFAULT_GRACE, Instant.now())).removed())
                .as("young garbage may belong to a running deploy").isEmpty();

        CheckReport repaired = check(new CheckOptions(true, CheckOptions.DEFAULT_GRACE, later()));

        List<String> kept = List.of(highestDeadClaim, deadVersionClaim);
        assertThat(repaired.removed()).extracting(Finding::key)
                .containsExactlyInAnyOrderElementsOf(orphans.stream().filter(key -> !kept.contains(key)).toList());
        CheckReport after = check(new CheckOptions(false, CheckOptions.DEFAULT_GRACE, later()));
        assertThat(after.findings(Kind.ORPHAN)).as("the highest claims stay: numbers are allocated above them")
                .extracting(Finding::key).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(after.findings(Kind.NEVER_ACTIVATED)).as("a complete version is never garbage").hasSize(1);
        assertThat(after.problems()).isEmpty();
        assertThat(visibleBuilds()).isEqualTo(visibleBefore);
        assertThat(deployJar("jar five").id().build()).as("numbering continues above the kept claim").isEqualTo(5);
    }

    @Test
    void aGracePeriodShorterThanAnHourIsRefused() {
        assertThat(CheckOptions.parseGrace("36h")).isEqualTo(Duration.ofHours(36));
        assertThat(CheckOptions.parseGrace("P2D")).isEqualTo(Duration.ofDays(2));
        assertThat(CheckOptions.parseGrace("")).isEqualTo(CheckOptions.DEFAULT_GRACE);
        assertThatThrownBy(() -> new CheckOptions(true, CheckOptions.parseGrace("10m"), Instant.now()))
                .hasMessageContaining("dataflow.repair.grace=10m is too short");
        assertThatThrownBy(() -> CheckOptions.parseGrace("a week")).hasMessageContaining("dataflow.repair.grace")
                .hasMessageContaining("7d");
    }

    private CheckReport check(CheckOptions options) {
        return new RegistryCheck(store, DataflowLog.SILENT).run(options);
    }

    private static Instant later() {
        return Instant.now().plus(CheckOptions.DEFAULT_GRACE).plus(Duration.ofDays(1));
    }

    private AssetBuild deployJar(String content) throws Exception {
        return fixture.deployJar(store, content);
    }

    private ReleasedWorkflow release(AssetBuild jar, String sql) throws Exception {
        return fixture.release(store, jar, sql);
    }

    /** A release whose activation is refused (as by a scheduler that rejects it): the version stays inactive. */
    private ReleasedWorkflow releaseWithoutActivation(AssetBuild jar, String sql) throws Exception {
        WorkflowReleases refusing = new WorkflowReleases(store, DataflowLog.SILENT, (kind, versions) -> {
            throw new EnvironmentException("scheduler refused");
        });
        assertThatThrownBy(() -> refusing.release(List.of(fixture.candidate(store, jar, sql)), fixture.context()))
                .hasMessageContaining("scheduler refused");
        int version = BundleLayout.parse(store.list(BundleLayout.versionsPrefix("daily")).stream()
                .filter(key -> key.endsWith(BundleLayout.MANIFEST_FILE)).reduce((a, b) -> b).orElseThrow())
                .orElseThrow().version();
        return new ReleasedWorkflow("daily", "pipelines/daily.sch.yaml", version, false, false);
    }

    private List<String> visibleBuilds() {
        return new AssetRegistry(store, DataflowLog.SILENT).list(AssetType.JAR, "app").stream()
                .map(build -> build.id().format()).toList();
    }

    /** Replaces a record by its first half, as a truncated write or a broken disk would. */
    private void truncate(String key) {
        byte[] whole = store.read(key).orElseThrow();
        store.delete(key);
        assertThat(store.createIfAbsent(key, Arrays.copyOf(whole, whole.length / 2))).isTrue();
    }

    /** Replaces stored bytes, as someone editing the registry by hand would. */
    private void replaceBytes(String key, String content) throws Exception {
        Path file = Files.writeString(work.resolve("replacement-" + UUID.randomUUID()), content);
        store.delete(key);
        store.putFile(key, file, FileDigest.of(file));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
