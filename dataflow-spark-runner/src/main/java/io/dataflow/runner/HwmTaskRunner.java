package io.dataflow.runner;

import io.dataflow.contract.run.PlanTask;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records a table's high-water mark, the date/time up to which it holds processed data, as table
 * properties that downstream jobs and people can read with {@code SHOW TBLPROPERTIES}. The mark only moves
 * forward: a backfill of an older date, or a run of an earlier date that finishes after a later one (two dates at
 * once), leaves a later mark as it is.
 */
final class HwmTaskRunner {

    static final String DATETIME = "dataflow.hwm.datetime";
    static final String TIMEZONE = "dataflow.hwm.timezone";
    static final String INSTANT = "dataflow.hwm.instant";
    static final String RUN_ID = "dataflow.hwm.run-id";

    void run(PlanTask.Hwm task, RunContext context) {
        ZonedDateTime mark = parse(task.datetime(), task.timezone());
        String table = context.qualify(task.table());
        String current = currentInstant(table, context);
        if (current != null && java.time.Instant.parse(current).isAfter(mark.toInstant())) {
            context.log.info("  " + table + " high-water mark stays at " + TableProperties.get(context, table, DATETIME)
                    + " " + TableProperties.get(context, table, TIMEZONE) + " (run " + TableProperties.get(context,
                            table, RUN_ID) + "), later than this run's " + mark.toLocalDateTime() + " " + mark.getZone());
            return;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(DATETIME, mark.toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        properties.put(TIMEZONE, mark.getZone().getId());
        properties.put(INSTANT, mark.toInstant().toString());
        properties.put(RUN_ID, context.plan.runId());
        try {
            TableProperties.set(context, table, properties);
        } catch (Exception e) {
            throw new TaskFailedException("Cannot record the high-water mark of " + table + ": " + Errors.describe(e), e);
        }
        context.log.info("  " + table + " high-water mark " + properties.get(DATETIME) + " " + properties.get(TIMEZONE));
    }

    /** The table's mark as an instant, {@code null} when it has none (or one this runner cannot read). */
    private static String currentInstant(String table, RunContext context) {
        String instant;
        try {
            instant = TableProperties.get(context, table, INSTANT);
        } catch (Exception e) {
            throw new TaskFailedException("Cannot read the high-water mark of " + table + ": " + Errors.describe(e), e);
        }
        try {
            return instant == null ? null : java.time.Instant.parse(instant).toString();
        } catch (DateTimeParseException e) {
            context.log.warn(table + " has an unreadable " + INSTANT + " '" + instant + "'; it is replaced");
            return null;
        }
    }

    /**
     * Accepts a date ({@code 2022-01-01} or {@code 20220101}, meaning its start), a local date-time ({@code 2022-01-01T10:00},
     * a space instead of {@code T} is fine) or one with an offset; the time zone defaults to UTC.
     */
    static ZonedDateTime parse(String datetime, String timezone) {
        ZoneId zone;
        try {
            zone = timezone == null || timezone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timezone '" + timezone + "' is not a time zone id; use for example"
                    + " UTC or Europe/Berlin.");
        }
        String text = datetime.strip().replace(' ', 'T');
        try {
            if (text.matches("\\d{8}")) {
                return LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay(zone);
            }
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(zone);
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(text).atZoneSameInstant(zone);
            }
            return LocalDateTime.parse(text).atZone(zone);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("datetime '" + datetime + "' is not a date or date-time; use for"
                    + " example 2022-01-01, 20220101 or 2022-01-01T06:00:00.");
        }
    }
}
