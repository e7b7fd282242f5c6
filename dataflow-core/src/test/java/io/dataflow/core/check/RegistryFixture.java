package io.dataflow.core.check;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.bundle.BundledFile;
import io.dataflow.core.bundle.Sha256;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.registry.AssetBuild;
import io.dataflow.core.registry.AssetDeployRequest;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.release.ReleaseContext;
import io.dataflow.core.release.ReleasedWorkflow;
import io.dataflow.core.release.WorkflowCandidate;
import io.dataflow.core.release.WorkflowReleases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Deploys as {@code dataflow:deploy} does, one Maven invocation at a time: a JAR of namespace {@code app} on
 * {@code master}, then workflow {@code daily} referencing it and one {@code $S3{}} file.
 */
final class RegistryFixture {

    static final String COMMIT = "39206ee8aaaabbbbccccddddeeeeffff00001111";
    static final String WORKFLOW = "daily";

    private final Path work;

    RegistryFixture(Path work) {
        this.work = work;
    }

    AssetBuild deployJar(ObjectStore store, String content) throws Exception {
        Path jar = Files.writeString(Files.createTempDirectory(work, "jar").resolve("app.jar"), content);
        return new AssetRegistry(store, DataflowLog.SILENT)
                .deploy(new AssetDeployRequest(AssetType.JAR, "app", git(), jar, null, false)).build();
    }

    ReleasedWorkflow release(ObjectStore store, AssetBuild jar, String sql) throws Exception {
        return new WorkflowReleases(store, DataflowLog.SILENT).release(List.of(candidate(store, jar, sql)), context())
                .get(0);
    }

    WorkflowCandidate candidate(ObjectStore store, AssetBuild jar, String sql) throws Exception {
        Path source = work.resolve("repo/" + UUID.randomUUID() + "/ddl/load.sql");
        Files.createDirectories(source.getParent());
        Files.writeString(source, sql);
        String sha256 = Sha256.of(source);
        BundledFile file = new BundledFile("ddl/load.sql", source, BundledFile.contentKey(sha256, "load.sql"), sha256,
                Files.size(source));
        String yaml = "Workflow:\n  id: " + WORKFLOW + "\n  jar: " + jar.location() + "\n  sql: "
                + store.locationOf(file.key()) + "\n";
        return new WorkflowCandidate(WORKFLOW, yaml, "pipelines/daily.sch.yaml", List.of(jar), List.of(file));
    }

    ReleaseContext context() {
        return new ReleaseContext(git(), "alice", Instant.now(), "test");
    }

    GitState git() {
        return new GitState(work, "user", "stranger-data", "master", COMMIT, false, null, "master");
    }
}
