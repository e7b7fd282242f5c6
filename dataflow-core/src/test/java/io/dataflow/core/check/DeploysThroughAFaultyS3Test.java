package io.dataflow.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.registry.AssetBuild;
import io.dataflow.core.registry.AssetKeys;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.FaultInjectingProxy;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.registry.S3ProxyServer;
import io.dataflow.core.release.ActivationLog;
import io.dataflow.core.release.ReleasedWorkflow;
import io.dataflow.core.release.RollbackResult;
import io.dataflow.core.release.WorkflowReleases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploys and rollbacks through a proxy that answers 503 or breaks the connection on a seeded 10% of the requests to
 * the real S3 server, before or after the server applied them. Every deploy and rollback must succeed, builds,
 * versions and activations stay consecutive without duplicates, and check-registry finds nothing left behind.
 */
class DeploysThroughAFaultyS3Test {

    private static final long SEED = 20261201L;
    private static final int DEPLOYS = 20;
    private static final int ROLLBACKS = 10;

    @TempDir
    Path work;

    @Test
    void twentyDeploysAndTenRollbacksSucceedWithConsecutiveNumbersAndNoOrphans() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        String registry = S3ProxyServer.uniqueRegistry();
        RegistryFixture fixture = new RegistryFixture(work);
        List<String> journal;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.faulty(server, FaultInjectingProxy.seeded(SEED, 10))) {
            for (int deploy = 1; deploy <= DEPLOYS; deploy++) {
                // a store per deploy, as in separate Maven invocations
                try (ObjectStore store = ObjectStores.open(proxy.settings(server, registry))) {
                    AssetBuild build = fixture.deployJar(store, "jar bytes of deploy " + deploy);
                    ReleasedWorkflow released = fixture.release(store, build, "select " + deploy);

                    assertThat(build.id().build()).as("build of deploy " + deploy).isEqualTo(deploy);
                    assertThat(released.version()).as("version of deploy " + deploy).isEqualTo(deploy);
                    assertThat(released.activated()).isTrue();
                }
            }
            for (int rollback = 1; rollback <= ROLLBACKS; rollback++) {
                try (ObjectStore store = ObjectStores.open(proxy.settings(server, registry))) {
                    RollbackResult result = new WorkflowReleases(store, DataflowLog.SILENT)
                            .rollback(RegistryFixture.WORKFLOW, null, "alice", Instant.now());

                    assertThat(result.version()).as("rollback " + rollback).isEqualTo(DEPLOYS - rollback);
                    assertThat(result.sequence()).isEqualTo(DEPLOYS + rollback);
                }
            }
            journal = proxy.journal();
            assertThat(proxy.faults()).as("faults injected into " + journal.size() + " requests")
                    .isGreaterThan(journal.size() / 20);
        }
        assertThat(journal).as("writes whose answer was lost after the server applied them")
                .anyMatch(line -> line.startsWith("PUT ") && (line.endsWith("DROP_AFTER")
                        || line.endsWith("SLOW_DOWN_AFTER")));

        try (ObjectStore store = ObjectStores.open(server.settings(registry))) {
            List<Integer> expectedNumbers = IntStream.rangeClosed(1, DEPLOYS).boxed().toList();
            List<AssetBuild> builds = new AssetRegistry(store, DataflowLog.SILENT).list(AssetType.JAR, "app");
            assertThat(builds).extracting(build -> build.id().build()).containsExactlyInAnyOrderElementsOf(expectedNumbers);
            String line = builds.get(0).id().lineKey();
            assertThat(store.list(line + ".claims/")).containsExactlyInAnyOrderElementsOf(
                    expectedNumbers.stream().map(number -> AssetKeys.claimKey(line, number)).toList());
            assertThat(store.list(BundleLayout.versionsPrefix(RegistryFixture.WORKFLOW)).stream()
                    .filter(key -> key.endsWith("/" + BundleLayout.CLAIM_FILE))).hasSize(DEPLOYS);
            WorkflowReleases releases = new WorkflowReleases(store, DataflowLog.SILENT);
            assertThat(releases.history(RegistryFixture.WORKFLOW, 0).versions()).hasSize(DEPLOYS);
            assertThat(releases.activeVersion(RegistryFixture.WORKFLOW)).hasValue(DEPLOYS - ROLLBACKS);
            assertThat(store.list(ActivationLog.PREFIX).stream().map(ActivationLog::sequenceOf)
                    .filter(java.util.OptionalLong::isPresent).map(java.util.OptionalLong::getAsLong))
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, DEPLOYS + ROLLBACKS).mapToObj(Long::valueOf)
                            .toList());

            CheckReport check = new RegistryCheck(store, DataflowLog.SILENT).run(CheckOptions.readOnly());
            assertThat(check.findings()).as(String.join("\n", check.lines())).isEmpty();
            assertThat(check.builds()).isEqualTo(DEPLOYS);
            assertThat(check.versions()).isEqualTo(DEPLOYS);
        }
    }
}
