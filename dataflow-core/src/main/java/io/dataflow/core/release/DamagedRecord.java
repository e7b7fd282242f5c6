package io.dataflow.core.release;

/**
 * A registry record that exists but cannot be used: unreadable JSON, a missing required field, or a key that was
 * listed but cannot be read. Reported by key; skipped where that is safe.
 *
 * @param key the registry key
 * @param location the key's concrete location, as printed
 * @param problem what is wrong with it
 */
public record DamagedRecord(String key, String location, String problem) {

    public String describe() {
        return location + " (" + problem + ")";
    }
}
