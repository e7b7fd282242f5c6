package io.dataflow.core.check;

/**
 * One thing {@link RegistryCheck} found.
 *
 * @param kind what it is
 * @param key the registry key (or leftover) it concerns
 * @param location where users find it, e.g. {@code s3://bucket/prefix/<key>}
 * @param detail what is wrong, in words
 * @param removable whether repair may remove it (garbage that was never visible and is older than the grace period)
 */
public record Finding(Kind kind, String key, String location, String detail, boolean removable) {

    public enum Kind {
        /** A record exists but cannot be read: metadata, manifest or activation record. */
        DAMAGED(true),
        /** Stored bytes differ from the sha256 or size their record names, or are missing. */
        CORRUPT(true),
        /** A record that others name does not exist (the manifest of an activated version). */
        MISSING(true),
        /** Garbage of an interrupted write: never visible, nothing refers to it. */
        ORPHAN(false),
        /** A complete workflow version no activation record names; rollback can still activate it. */
        NEVER_ACTIVATED(false);

        private final boolean problem;

        Kind(boolean problem) {
            this.problem = problem;
        }

        /** Whether it damages what users see, rather than being harmless garbage or history. */
        public boolean problem() {
            return problem;
        }

        /** The word at the start of its report line. */
        public String label() {
            return name().replace('_', ' ');
        }
    }

    /** The report line, e.g. {@code ORPHAN s3://…/.claims/3: …}. */
    public String line() {
        return kind.label() + " " + location + ": " + detail + (removable ? " [removable]" : "");
    }
}
