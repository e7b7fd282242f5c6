package io.dataflow.core.maestro;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.core.DataflowException;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.Manifest;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.release.ActivationKind;
import io.dataflow.core.release.ActivationListener;
import io.dataflow.core.release.ActivationRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes Maestro run the versions the registry is about to make active: called by the release engine before it writes
 * an activation record (deploy or rollback), it pushes every version Maestro does not have yet and then activates the
 * matching Maestro version of each. When Maestro refuses anything, it throws with Maestro's own message, so the
 * registry's activation record is not written and the registry's active versions stay as they were; Maestro's active
 * versions are put back as they were before the call as far as Maestro lets it.
 *
 * <p>Maestro numbers its versions itself. Which Maestro version a Dataflow version became is recorded once in the
 * registry ({@link MaestroVersionRecords}), right after Maestro accepted the push, so running the same deploy again,
 * or rolling back, activates that Maestro version instead of pushing a duplicate. Before a recorded version is
 * activated, Maestro's copy is checked to carry the same bundle digest.
 */
public final class MaestroPublisher implements ActivationListener {

    private final ObjectStore store;
    private final MaestroExports exports;
    private final MaestroClient client;
    private final MaestroVersionRecords records;
    private final String deployer;
    private final DataflowLog log;
    private final Clock clock;

    public MaestroPublisher(ObjectStore store, MaestroMapping mapping, MaestroClient client, String deployer,
            DataflowLog log) {
        this(store, mapping, client, deployer, log, Clock.systemUTC());
    }

    MaestroPublisher(ObjectStore store, MaestroMapping mapping, MaestroClient client, String deployer, DataflowLog log,
            Clock clock) {
        this.store = store;
        this.exports = new MaestroExports(store, mapping);
        this.client = client;
        this.records = new MaestroVersionRecords(store, client.endpoint().url());
        this.deployer = deployer;
        this.log = log;
        this.clock = clock;
    }

    /**
     * The listener a release or rollback uses: this publisher when a Maestro URL is configured, else
     * {@link ActivationListener#NONE} (nothing is pushed).
     */
    public static ActivationListener listenerFor(ObjectStore store, MaestroOptions options, String deployer,
            DataflowLog log) {
        if (options.endpoint() == null) {
            return ActivationListener.NONE;
        }
        return new MaestroPublisher(store, options.mapping(), new MaestroClient(options.endpoint(), log), deployer, log);
    }

    @Override
    public void beforeActivation(ActivationKind kind, List<ActivationRecord.Entry> versions) {
        publish(versions, kind == ActivationKind.ROLLBACK ? "rollback" : "deploy");
    }

    /**
     * Pushes every version Maestro does not have yet, then activates the matching Maestro version of each.
     *
     * @param action what the caller is doing, for messages ({@code deploy}, {@code rollback})
     */
    public void publish(List<ActivationRecord.Entry> versions, String action) {
        if (versions.isEmpty()) {
            return;
        }
        log.info("Pushing Scheduler Workflows to Maestro at " + client.endpoint().url() + ":");
        Map<String, Optional<Long>> activeBefore = new LinkedHashMap<>();
        Set<String> changed = new LinkedHashSet<>();
        List<Target> targets = new ArrayList<>();
        String current = null;
        try {
            for (ActivationRecord.Entry entry : versions) {
                current = entry.workflowId() + " version " + entry.version();
                String maestroId = MaestroIds.workflowId(entry.workflowId());
                if (!activeBefore.containsKey(maestroId)) {
                    activeBefore.put(maestroId, client.activeVersion(maestroId));
                }
                Target target = target(entry, maestroId, changed);
                targets.add(target);
                log.info("-> " + current + "\u2026 " + (target.pushed() ? "PUSHED AS" : "ALREADY IN MAESTRO AS")
                        + " " + maestroId + " version " + target.maestroVersion());
            }
            for (Target target : targets) {
                current = target.workflowId() + " version " + target.version();
                changed.add(target.maestroId());
                client.activate(target.maestroId(), target.maestroVersion());
                log.info("-> " + current + "\u2026 ACTIVATED " + target.maestroId() + " version "
                        + target.maestroVersion() + " in Maestro");
            }
        } catch (DataflowException e) {
            log.warn("-> " + current + "\u2026 FAILED");
            String message = e.getMessage() + System.lineSeparator() + "The " + action + " stopped before the registry's"
                    + " activation record, so the registry's active versions did not change. "
                    + restore(activeBefore, changed) + " Running the " + action + " again pushes only what Maestro"
                    + " does not have yet (see " + MaestroVersionRecords.PREFIX + " in the registry) and activates the"
                    + " rest.";
            throw e instanceof InvalidInputException ? new InvalidInputException(message, e)
                    : new EnvironmentException(message, e);
        }
        log.info("Summary: " + targets.size() + " successful, 0 failed.");
    }

    private record Target(String workflowId, int version, String maestroId, long maestroVersion, boolean pushed) {}

    /** The Maestro version of one Dataflow version: the recorded one, else a new one pushed now. */
    private Target target(ActivationRecord.Entry entry, String maestroId, Set<String> changed) {
        Optional<MaestroVersionRecords.Record> recorded = records.read(entry.workflowId(), entry.version());
        if (recorded.isPresent()) {
            requireSameBundle(recorded.get(), entry);
            return new Target(entry.workflowId(), entry.version(), maestroId, recorded.get().maestroVersion(), false);
        }
        MaestroExport export = exports.ofVersion(entry.workflowId(), entry.version());
        if (!export.hasTrigger()) {
            changed.add(maestroId); // Maestro's YAML endpoint makes the version it creates active at once
        }
        long maestroVersion = client.create(export);
        MaestroVersionRecords.Record stored = records.createOrExisting(
                MaestroVersionRecords.Record.of(client.endpoint().url(), export, maestroVersion, clock.instant(), deployer));
        if (stored.maestroVersion() != maestroVersion) {
            log.warn(entry.workflowId() + " version " + entry.version() + " was pushed by another deploy at the same"
                    + " time as Maestro version " + stored.maestroVersion() + "; this push's Maestro version "
                    + maestroVersion + " holds the same bundle and stays unused.");
        }
        return new Target(entry.workflowId(), entry.version(), maestroId, stored.maestroVersion(), true);
    }

    /**
     * A recorded Maestro version is activated only if Maestro still holds that bundle there: a reset Maestro database
     * would otherwise make a wrong version run.
     */
    private void requireSameBundle(MaestroVersionRecords.Record record, ActivationRecord.Entry entry) {
        String manifestKey = BundleLayout.manifestKey(entry.workflowId(), entry.version());
        String digest = Manifest.digestOf(store.read(manifestKey).orElseThrow(() -> new EnvironmentException(
                "Manifest " + store.locationOf(manifestKey) + " is missing; was the registry edited by hand?")));
        Optional<JsonNode> definition = client.version(record.maestroWorkflowId(), record.maestroVersion());
        String found = definition.map(node -> node.path("workflow").path("params")
                .path(MaestroConverter.DIGEST_PARAM).path("value").asText(null)).orElse(null);
        if (!digest.equals(found)) {
            throw new InvalidInputException("The registry records that " + entry.workflowId() + " version "
                    + entry.version() + " was pushed to Maestro as " + record.maestroWorkflowId() + " version "
                    + record.maestroVersion() + " (" + records.locationOf(entry.workflowId(), entry.version())
                    + "), but Maestro " + (definition.isEmpty() ? "has no such version"
                            : "holds another bundle there (" + MaestroConverter.DIGEST_PARAM + " " + found + ", expected "
                                    + digest + ")") + ". Was Maestro's database reset? Delete that record from the"
                    + " registry and run again: the version is then pushed anew.");
        }
    }

    /** Puts back what was active in Maestro before, for every workflow this call may have changed there. */
    private String restore(Map<String, Optional<Long>> activeBefore, Set<String> changed) {
        List<String> restored = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String maestroId : changed) {
            Optional<Long> before = activeBefore.getOrDefault(maestroId, Optional.empty());
            try {
                if (before.isPresent()) {
                    client.activate(maestroId, before.get());
                    restored.add(maestroId + " version " + before.get() + " active again");
                } else {
                    client.deactivate(maestroId);
                    restored.add(maestroId + " inactive again");
                }
            } catch (DataflowException e) {
                failed.add(maestroId + (before.map(version -> ": activate its version " + version).orElse(
                        ": deactivate it")) + " (" + e.getMessage() + ")");
            }
        }
        if (changed.isEmpty()) {
            return "Maestro's active versions did not change.";
        }
        return (restored.isEmpty() ? "" : "In Maestro: " + String.join(", ", restored) + ".")
                + (failed.isEmpty() ? "" : " Could not put Maestro back; do it by hand: " + String.join("; ", failed)
                        + ".");
    }
}
