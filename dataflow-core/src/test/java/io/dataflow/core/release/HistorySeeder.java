package io.dataflow.core.release;

import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.bundle.Manifest;
import io.dataflow.core.registry.FileDigest;
import io.dataflow.core.registry.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Grows an activation log quickly for tests and benchmarks: records written exactly as rollbacks write them, but
 * one after the other without reading the log before each (the seeder knows the state it just wrote).
 */
public final class HistorySeeder {

    private HistorySeeder() {}

    /**
     * Adds {@code count} versions after {@code source} (its newest version) with the same content: each a claim, a
     * server-side copy of the rendered workflow and a manifest naming its own number, several at a time. Their assets
     * and files are not copied into the new bundles: enough for history, rollback and version lookups.
     *
     * @return the newest version number
     */
    public static int copiesOfVersion(ObjectStore store, String workflowId, int source, int count) {
        Manifest original = new WorkflowVersions(store).manifest(workflowId, source).orElseThrow();
        Parallel.map(IntStream.rangeClosed(source + 1, source + count).boxed().toList(), version -> {
            store.createIfAbsent(BundleLayout.claimKey(workflowId, version), ("{\"version\":" + version + "}")
                    .getBytes(StandardCharsets.UTF_8));
            store.copy(original.workflow().key(), BundleLayout.renderedKey(workflowId, version),
                    new FileDigest(original.workflow().sha256(), original.workflow().size()));
            Manifest copy = new Manifest(original.schemaVersion(), workflowId, version, UUID.randomUUID().toString(),
                    original.createdAt(), original.deployer(), original.toolVersion(), original.git(),
                    new Manifest.Workflow(original.workflow().sourcePath(), BundleLayout.renderedKey(workflowId, version),
                            original.workflow().sha256(), original.workflow().size()),
                    original.assets(), original.files(), null);
            return store.createIfAbsent(BundleLayout.manifestKey(workflowId, version), Json.bytes(copy));
        });
        return source + count;
    }

    /**
     * Appends {@code count} rollback records of {@code workflowId}, alternating between {@code first} and
     * {@code second} (both must be visible versions), ending on {@code second} when {@code count} is even.
     *
     * @return the sequence of the last record
     */
    public static long alternatingRollbacks(ObjectStore store, String workflowId, int first, int second, int count,
            String commit, Instant time) {
        ActivationLog log = new ActivationLog(store);
        ActivationState state = log.state();
        for (int i = 0; i < count; i++) {
            int version = i % 2 == 0 ? first : second;
            state = log.append(state, ActivationKind.ROLLBACK, time, "seeder", commit, UUID.randomUUID().toString(),
                    List.of(new ActivationRecord.Entry(workflowId, version))).state();
        }
        return state.sequence();
    }
}
