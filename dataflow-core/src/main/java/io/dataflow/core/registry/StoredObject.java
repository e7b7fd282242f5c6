package io.dataflow.core.registry;

import java.time.Instant;

/**
 * One object of a listing.
 *
 * @param key the registry key
 * @param size size in bytes
 * @param lastModified when the store wrote it (the store's clock)
 */
public record StoredObject(String key, long size, Instant lastModified) {}
