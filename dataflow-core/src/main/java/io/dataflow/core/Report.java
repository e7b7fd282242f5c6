package io.dataflow.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What a listing goal prints: lines for people, or one JSON document for scripts. Every document names its shape in
 * a {@code schema} field ({@code dataflow.history/1}, …); the shape only gains fields, and the schema's number changes
 * when a field is removed or changes meaning.
 */
public interface Report {

    /** The {@code schema} value of {@link #toJson()}, e.g. {@code dataflow.history/1}. */
    String schema();

    /** The report as lines of text. */
    List<String> toText();

    /** The report as one indented JSON document, without a trailing line break. */
    String toJson();

    /**
     * How every text report prints a time: UTC to the second, {@code 2026-12-01T11:09:29Z}. JSON documents keep the
     * stored precision.
     */
    static String time(Instant instant) {
        return instant == null ? "unknown time" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
