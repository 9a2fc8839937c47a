package io.multirunnable.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** The one reader of durations written in configuration: ISO-8601 ({@code PT5S}) or whole milliseconds ({@code 5000}). */
public final class Durations {
    private Durations() {
    }

    /**
     * {@code text} (trimmed) as a duration: only digits → milliseconds, else ISO-8601.
     *
     * @param source what the text came from, for the message, e.g. {@code "db.connection.timeout"}
     * @throws IllegalArgumentException "SOURCE must be an ISO-8601 duration (e.g. PT5S) or milliseconds but was 'TEXT'"
     */
    public static Duration parse(String text, String source) {
        Check.notNull(text, source);
        String v = text.trim();
        try {
            return !v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9')
                    ? Duration.ofMillis(Long.parseLong(v)) : Duration.parse(v);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(source + " must be an ISO-8601 duration (e.g. PT5S) or milliseconds but was '"
                    + text + "'", e);
        }
    }
}
