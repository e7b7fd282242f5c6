package io.dataflow.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.registry.S3ProxyServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Plans against a real S3 server (S3Proxy process), in a registry prefix of its own per test; the prefix's objects,
 * store-internal ones included (the conditional-write marker), must stay byte-identical.
 */
class S3DeployPlanTest extends DeployPlanContractTest {

    /** Where the S3 store keeps its own objects (the conditional-write marker and probes). */
    private static final String INTERNAL_PREFIX = ".dataflow/";

    @Override
    ObjectStore newStore(Path scratch) {
        return ObjectStores.open(S3ProxyServer.shared().settings(S3ProxyServer.uniqueRegistry()));
    }

    @Override
    Map<String, String> registryTree() {
        Map<String, String> tree = new TreeMap<>();
        for (String prefix : new String[] {"", INTERNAL_PREFIX}) {
            for (String key : store.list(prefix)) {
                tree.put(key, ProjectFixture.sha256(store.read(key).orElseThrow()));
            }
        }
        return tree;
    }

    @Test
    void aPlanAgainstAnUncheckedEndpointSaysTheDeployWouldProbeItAndDoesNot() {
        DeployPlan plan = new DataflowProject(modules(fixture), log).plan(store, ProjectOptions.defaults());

        assertThat(registryTree()).isEmpty();
        assertThat(plan.notes()).singleElement().asString()
                .startsWith("the first deploy to " + S3ProxyServer.shared().endpoint())
                .contains(" checks that the endpoint refuses a second create-if-absent write of one key")
                .endsWith("plan did not check.");
        assertThat(plan.toText()).contains("Note: " + plan.notes().get(0));
        assertThat(plan.assets()).extracting(DeployPlan.AssetEntry::build).containsOnly(1);

        new DataflowProject(modules(fixture), log).deploy(store, ProjectOptions.defaults());
        assertThat(registryTree().keySet()).anyMatch(key -> key.startsWith(INTERNAL_PREFIX + "conditional-writes-"));
        assertThat(new DataflowProject(modules(fixture), log).plan(store, ProjectOptions.defaults()).notes()).isEmpty();
    }
}
