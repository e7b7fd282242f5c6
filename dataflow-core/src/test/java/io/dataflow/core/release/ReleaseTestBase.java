package io.dataflow.core.release;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.bundle.BundledFile;
import io.dataflow.core.bundle.Sha256;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.registry.AssetBuild;
import io.dataflow.core.registry.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A store of the backend under test per test, and candidates to release into it. */
abstract class ReleaseTestBase {

    static final String COMMIT = "39206ee8aaaabbbbccccddddeeeeffff00001111";
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @TempDir
    Path work;

    ObjectStore store;
    WorkflowReleases releases;

    /** A new, empty store of the backend under test. */
    abstract ObjectStore newStore(Path scratch) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore(work.resolve("registry"));
        releases = new WorkflowReleases(store, DataflowLog.SILENT);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    GitState git(String branch) {
        return new GitState(work, "user", "stranger-data", branch, COMMIT, false,
                "https://github.com/user/stranger-data.git", "master");
    }

    ReleaseContext context(String branch, String deployer) {
        return new ReleaseContext(git(branch), deployer, NOW, "0.1.0-test");
    }

    /** Stores asset bytes at the key of build {@code build} and returns the build as the registry would. */
    AssetBuild asset(String namespace, int build, String content) {
        var id = git("master").assetId(AssetType.JAR, namespace, build);
        String key = id.objectKey("jar");
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        store.createIfAbsent(key, bytes);
        return new AssetBuild(id, key, store.locationOf(key), Sha256.of(bytes), bytes.length, NOW, COMMIT, "master");
    }

    BundledFile file(String relativePath, String content) throws Exception {
        Path source = work.resolve("repo").resolve(relativePath);
        Files.createDirectories(source.getParent());
        Files.writeString(source, content);
        String sha = Sha256.of(source);
        return new BundledFile(relativePath, source, BundledFile.contentKey(sha, source.getFileName().toString()), sha,
                Files.size(source));
    }

    WorkflowCandidate candidate(String id, String yaml, List<AssetBuild> assets, List<BundledFile> files) {
        return new WorkflowCandidate(id, yaml, "pipelines/" + id + ".sch.yaml", assets, files);
    }

    WorkflowCandidate simple(String id, String yaml) {
        return candidate(id, yaml, List.of(), List.of());
    }

    ReleasedWorkflow releaseOne(WorkflowCandidate candidate) {
        return releases.release(List.of(candidate), context("master", "alice")).get(0);
    }

    /** The activation records, oldest first. */
    List<String> activationKeys() {
        return store.list(ActivationLog.LOG);
    }

}
