package io.dataflow.core.registry;

import io.dataflow.core.EnvironmentException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * When to try a failed request again: exponential backoff with full jitter (each pause is random between zero
 * and a doubling ceiling, so that many clients failing together do not retry together), a cap on the number of
 * attempts and a bound on the total time, so a registry that stays down fails the build instead of hanging it.
 */
final class Backoff {

    /** About 20 s of retries at most: long enough for a restarting server or a burst of SlowDown answers. */
    static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(3), Duration.ofSeconds(20), 8);

    private final long firstCeilingNanos;
    private final long maxCeilingNanos;
    private final long budgetNanos;
    private final int maxAttempts;
    private final LongSupplier clock;
    private final Sleeper sleeper;

    Backoff(Duration firstCeiling, Duration maxCeiling, Duration budget, int maxAttempts) {
        this(firstCeiling, maxCeiling, budget, maxAttempts, System::nanoTime, Backoff::sleep);
    }

    Backoff(Duration firstCeiling, Duration maxCeiling, Duration budget, int maxAttempts, LongSupplier clock,
            Sleeper sleeper) {
        this.firstCeilingNanos = firstCeiling.toNanos();
        this.maxCeilingNanos = maxCeiling.toNanos();
        this.budgetNanos = budget.toNanos();
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The attempts of one request; not shared between threads. */
    Attempts start() {
        return new Attempts(clock.getAsLong() + budgetNanos);
    }

    Duration budget() {
        return Duration.ofNanos(budgetNanos);
    }

    final class Attempts {

        private final long deadline;
        private int attempts = 1;

        private Attempts(long deadline) {
            this.deadline = deadline;
        }

        /**
         * Waits before the next attempt.
         *
         * @return {@code false} (without waiting) when no attempt is left within the limits
         */
        boolean pauseBeforeRetry() {
            if (attempts >= maxAttempts) {
                return false;
            }
            long ceiling = Math.min(maxCeilingNanos, firstCeilingNanos << Math.min(attempts - 1, 30));
            long pause = ThreadLocalRandom.current().nextLong(ceiling + 1);
            if (clock.getAsLong() + pause > deadline) {
                return false;
            }
            sleeper.sleep(pause);
            attempts++;
            return true;
        }

        /** Attempts made so far, the first one included. */
        int attempts() {
            return attempts;
        }
    }

    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos);
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while waiting to retry a registry request.", e);
        }
    }
}
