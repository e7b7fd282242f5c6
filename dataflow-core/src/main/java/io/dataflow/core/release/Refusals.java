package io.dataflow.core.release;

import io.dataflow.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a release rule's refusal goes: {@code dataflow:deploy} stops at the first ({@link #THROW}), {@code dataflow:plan}
 * collects every one ({@link Collected}) and reports them. Both run the same checks, so a plan's "would refuse"
 * is the deploy's message.
 */
@FunctionalInterface
public interface Refusals {

    /** Stops at the first refusal: nothing after it runs. */
    Refusals THROW = refusal -> {
        throw refusal;
    };

    void refuse(InvalidInputException refusal);

    /** Runs one rule, handing its refusal here. */
    default void check(Runnable rule) {
        try {
            rule.run();
        } catch (InvalidInputException refusal) {
            refuse(refusal);
        }
    }

    /** Every refusal, in the order the rules ran. */
    final class Collected implements Refusals {

        private final List<InvalidInputException> refusals = new ArrayList<>();

        @Override
        public synchronized void refuse(InvalidInputException refusal) {
            refusals.add(refusal);
        }

        public synchronized List<String> messages() {
            return refusals.stream().map(InvalidInputException::getMessage).toList();
        }
    }
}
