package io.dataflow.core.check;

import io.dataflow.core.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link RegistryCheck} may do.
 *
 * @param repair remove garbage that is provably never visible and older than {@code grace}
 * @param grace how old garbage must be before repair removes it: younger leftovers may belong to a deploy that is
 *     still running
 * @param now the current time, against which ages are measured
 */
public record CheckOptions(boolean repair, Duration grace, Instant now) {

    /** No deploy takes a week: leftovers that old belong to a deploy that died. */
    public static final Duration DEFAULT_GRACE = Duration.ofDays(7);
    /** A deploy can take many minutes (large uploads, slow builds between its steps); never repair younger garbage. */
    public static final Duration MINIMUM_GRACE = Duration.ofHours(1);

    private static final String GRACE_PROPERTY = "dataflow.repair.grace";
    private static final Pattern SHORT_FORM = Pattern.compile("([0-9]{1,9})\\s*([dhms])");

    public CheckOptions {
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(now, "now");
        if (grace.compareTo(MINIMUM_GRACE) < 0) {
            throw new InvalidInputException("The grace period " + GRACE_PROPERTY + "=" + describe(grace) + " is too "
                    + "short: leftovers younger than that may belong to a deploy that is still running. Use at least "
                    + describe(MINIMUM_GRACE) + ", e.g. -D" + GRACE_PROPERTY + "=1d.");
        }
    }

    /** A read-only check. */
    public static CheckOptions readOnly() {
        return new CheckOptions(false, DEFAULT_GRACE, Instant.now());
    }

    /**
     * Reads a grace period as users write it: {@code 7d}, {@code 36h}, {@code 90m}, {@code 3600s}, or ISO-8601
     * ({@code P7D}, {@code PT36H}); blank means {@link #DEFAULT_GRACE}.
     */
    public static Duration parseGrace(String text) {
        return parseDuration(text, GRACE_PROPERTY, DEFAULT_GRACE);
    }

    /**
     * Reads a duration as users write it ({@code 7d}, {@code 36h}, {@code 90m}, {@code 3600s}, ISO-8601 {@code P7D});
     * the one rule for every grace period ({@code dataflow.repair.grace}, {@code dataflow.gc.grace}).
     *
     * @param property named in the message when the text is not a duration
     * @param fallback the value of a blank text
     */
    public static Duration parseDuration(String text, String property, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String value = text.trim();
        Matcher matcher = SHORT_FORM.matcher(value.toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("Invalid " + property + " '" + value + "': write a number of days, "
                    + "hours, minutes or seconds such as 7d, 36h, 90m, or an ISO-8601 duration such as P7D.");
        }
    }

    /** {@code 7d}, {@code 36h}, {@code 90m} or {@code 45s}: the largest unit that divides the duration. */
    public static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0 && seconds > 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0 && seconds > 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0 && seconds > 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
