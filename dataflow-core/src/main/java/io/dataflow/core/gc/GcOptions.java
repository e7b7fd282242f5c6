package io.dataflow.core.gc;

import io.dataflow.core.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link GarbageCollector} keeps and whether it deletes.
 *
 * @param apply delete what is not kept; otherwise only report it (dry run)
 * @param keep the newest versions of every workflow that are kept, at least 1
 * @param grace builds, versions and files younger than this are never collected (a deploy in flight)
 * @param runDays versions used by a run that started within this many days are kept
 * @param now the time ages are measured against
 * @param by who runs gc (named in tombstones and intents)
 */
public record GcOptions(boolean apply, int keep, Duration grace, int runDays, Instant now, String by) {

    public static final int DEFAULT_KEEP = 10;
    public static final Duration DEFAULT_GRACE = Duration.ofDays(7);
    public static final int DEFAULT_RUN_DAYS = 30;
    public static final String KEEP_PROPERTY = "dataflow.gc.keep";
    public static final String GRACE_PROPERTY = "dataflow.gc.grace";
    public static final String RUN_DAYS_PROPERTY = "dataflow.gc.runDays";

    public GcOptions {
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(now, "now");
        by = by == null || by.isBlank() ? "unknown" : by;
        if (keep < 1) {
            throw new InvalidInputException(KEEP_PROPERTY + " is " + keep + ", but gc always keeps at least the newest "
                    + "version of every workflow (an unchanged deploy reuses it). Set -D" + KEEP_PROPERTY + "=1 or more.");
        }
        if (grace.isNegative()) {
            throw new InvalidInputException(GRACE_PROPERTY + " is negative; give a duration such as 7d, 36h or 0d.");
        }
        if (runDays < 0) {
            throw new InvalidInputException(RUN_DAYS_PROPERTY + " is " + runDays + "; give a number of days, 0 or more"
                    + " (0: runs keep nothing).");
        }
    }

    /** A dry run with the defaults. */
    public static GcOptions dryRun(Instant now) {
        return new GcOptions(false, DEFAULT_KEEP, DEFAULT_GRACE, DEFAULT_RUN_DAYS, now, null);
    }

    public GcOptions withApply(boolean value) {
        return new GcOptions(value, keep, grace, runDays, now, by);
    }

    Instant graceCutoff() {
        return now.minus(grace);
    }

    Instant runCutoff() {
        return now.minus(Duration.ofDays(runDays));
    }
}
