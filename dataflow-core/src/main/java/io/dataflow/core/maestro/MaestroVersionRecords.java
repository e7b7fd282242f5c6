package io.dataflow.core.maestro;

import io.dataflow.core.bundle.Json;
import io.dataflow.core.registry.ObjectStore;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Which Maestro version a Dataflow version became, one immutable registry record per (Maestro server, workflow,
 * version): {@code maestro/<server>/<workflow id>/<version>.json}. Created once, after Maestro accepted the push, with
 * create-if-absent, so a re-run or a rollback activates the recorded Maestro version instead of pushing a duplicate.
 */
public final class MaestroVersionRecords {

    public static final String PREFIX = "maestro/";
    static final int SCHEMA_VERSION = 1;

    private final ObjectStore store;
    private final String server;

    MaestroVersionRecords(ObjectStore store, URI endpoint) {
        this.store = store;
        this.server = serverKey(endpoint);
    }

    /**
     * The server's part of the key: host, port and path with every character outside {@code [A-Za-z0-9._-]} as '_',
     * e.g. {@code maestro.example.com_8080_api}. Records of two Maestro servers never mix.
     */
    static String serverKey(URI endpoint) {
        String raw = endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort())
                + endpoint.getPath().replaceAll("/+$", "");
        return raw.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    String key(String workflowId, int version) {
        return PREFIX + server + "/" + workflowId + "/" + version + ".json";
    }

    Optional<Record> read(String workflowId, int version) {
        String key = key(workflowId, version);
        return store.read(key).map(bytes -> Json.read(bytes, Record.class, store.locationOf(key)));
    }

    /**
     * Stores {@code record} unless another push of the same version got there first.
     *
     * @return the record in the registry: this one, or the one that was there first
     */
    Record createOrExisting(Record record) {
        String key = key(record.workflowId(), record.version());
        if (store.createIfAbsent(key, Json.bytes(record))) {
            return record;
        }
        return read(record.workflowId(), record.version()).orElse(record);
    }

    String locationOf(String workflowId, int version) {
        return store.locationOf(key(workflowId, version));
    }

    /**
     * @param maestroUrl the server, without credentials
     * @param bundleDigest the digest of the pushed version's manifest; Maestro's copy carries it as a parameter
     * @param nonce makes every record's bytes unique (S3 ETags are content digests)
     */
    record Record(int schemaVersion, String maestroUrl, String maestroWorkflowId, long maestroVersion, String workflowId,
            int version, String bundleDigest, Instant pushedAt, String pushedBy, String nonce) {

        static Record of(URI maestroUrl, MaestroExport export, long maestroVersion, Instant now, String pushedBy) {
            return new Record(SCHEMA_VERSION, maestroUrl.toString(), export.maestroId(), maestroVersion,
                    export.workflowId(), export.version(), export.bundleDigest(), now, pushedBy,
                    UUID.randomUUID().toString());
        }
    }
}
