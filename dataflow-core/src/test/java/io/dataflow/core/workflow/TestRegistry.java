package io.dataflow.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.identity.AssetId;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.registry.AssetBuild;
import io.dataflow.core.registry.AssetDeployRequest;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.LocalObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real registry in a temp directory, filled by real deploys, for resolving references in tests. */
final class TestRegistry {

    private final Path dir;
    private final LocalObjectStore store;
    private final AssetRegistry registry;

    TestRegistry(Path dir) {
        this.dir = dir;
        this.store = new LocalObjectStore(dir.resolve("registry"));
        this.registry = new AssetRegistry(store, DataflowLog.SILENT);
    }

    /**
     * The registry most tests use: scala-workflow builds 1-2 and udfs builds 1-3 on master, hello_world wheel
     * builds 1-3 at commit 39206ee8.
     */
    static TestRegistry sample(Path dir) {
        TestRegistry registry = new TestRegistry(dir);
        registry.deploy("dataflow.jar.scala-workflow.user.stranger-data.master.11111111.1", "scala 1");
        registry.deploy("dataflow.jar.scala-workflow.user.stranger-data.master.22222222.2", "scala 2");
        registry.deploy("dataflow.jar.udfs.user.stranger-data.master.33333333.1", "udfs 1");
        registry.deploy("dataflow.jar.udfs.user.stranger-data.master.33333333.2", "udfs 2");
        registry.deploy("dataflow.jar.udfs.user.stranger-data.master.44444444.3", "udfs 3");
        for (int build = 1; build <= 3; build++) {
            registry.deploy("dataflow.whl.hello_world.user.stranger-data.master.39206ee8." + build, "wheel " + build);
        }
        return registry;
    }

    AssetRegistry catalog() {
        return registry;
    }

    String location(String key) {
        return store.locationOf(key);
    }

    /** What every location starts with, e.g. {@code file:///tmp/junit…/registry/}. */
    String locationPrefix() {
        String location = store.locationOf("x");
        return location.substring(0, location.length() - 1);
    }

    /**
     * Deploys {@code content} from the git state the UUID names; the registry must give it exactly that
     * build number (so deploy a line's builds in order).
     */
    AssetBuild deploy(String uuid, String content) {
        AssetId id = AssetId.parse(uuid);
        GitState git = new GitState(dir, id.owner(), id.repo(), id.branch(), id.commit() + "0".repeat(32), false, null,
                "master");
        try {
            Path file = Files.createTempFile(dir, "asset-", "." + id.type().defaultExtension());
            Files.writeString(file, content);
            AssetBuild build = registry.deploy(new AssetDeployRequest(id.type(), id.namespace(), git, file, null, true))
                    .build();
            assertThat(build.id()).isEqualTo(id);
            return build;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
