package io.dataflow.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private long now;
    private final List<Long> pauses = new ArrayList<>();

    private Backoff backoff(Duration first, Duration max, Duration budget, int attempts) {
        return new Backoff(first, max, budget, attempts, () -> now, nanos -> {
            pauses.add(nanos);
            now += nanos;
        });
    }

    @RepeatedTest(20)
    void pausesAreRandomBelowACeilingThatDoublesUpToItsCap() {
        Backoff.Attempts attempts = backoff(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofHours(1), 10)
                .start();

        while (attempts.pauseBeforeRetry()) {
            // every pause is recorded
        }

        long[] ceilings = {100, 200, 400, 500, 500, 500, 500, 500, 500};
        assertThat(pauses).hasSize(ceilings.length);
        for (int i = 0; i < ceilings.length; i++) {
            assertThat(pauses.get(i)).as("pause " + (i + 1)).isBetween(0L, Duration.ofMillis(ceilings[i]).toNanos());
        }
        assertThat(attempts.attempts()).isEqualTo(10);
    }

    @Test
    void noPauseEndsAfterTheTimeBudget() {
        Backoff.Attempts attempts = backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(2_500), 100)
                .start();

        while (attempts.pauseBeforeRetry()) {
            now += Duration.ofMillis(300).toNanos(); // each attempt itself takes time too
        }

        assertThat(now).isLessThanOrEqualTo(Duration.ofMillis(2_500 + 300).toNanos());
        assertThat(attempts.attempts()).isEqualTo(pauses.size() + 1);
    }
}
