package io.github.drydock.layout;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Go's RFC 3339 times as Docker writes them ({@code 2015-03-01T12:00:00.123456789Z}, or with an
 * offset). Go's zero time {@code 0001-01-01T00:00:00Z} means "never".
 */
final class DockerTime {
    /** The first instant of year 2 in UTC: a UTC time before it has a year of 1 or less. */
    private static final Instant YEAR_2 = LocalDateTime.of(2, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);

    private DockerTime() {
    }

    /**
     * Parses a recorded time.
     *
     * @param text the text, or null
     * @return the instant; empty for null, blank or Go's zero time
     * @throws DateTimeParseException when the text is not an RFC 3339 time
     */
    static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        Instant fast = utc(trimmed);
        if (fast != null) {
            return fast.isBefore(YEAR_2) ? Optional.empty() : Optional.of(fast);
        }
        OffsetDateTime time = OffsetDateTime.parse(trimmed, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return time.getYear() <= 1 ? Optional.empty() : Optional.of(time.toInstant());
    }

    /**
     * The form Docker writes almost always, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, read without
     * the general formatter (which costs more than reading the file on a root of 10,000 images).
     *
     * @return the instant, or null when the text has another form or a field out of range: then
     *         the general parser decides, and words the error
     */
    private static Instant utc(String t) {
        int n = t.length();
        if (n < 20 || n > 30 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-'
                || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int digits = n - 21;
            if (t.charAt(19) != '.' || digits < 1 || digits > 9) {
                return null;
            }
            nanos = digits(t, 20, n - 1);
            for (int i = digits; i < 9 && nanos >= 0; i++) {
                nanos *= 10;
            }
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if ((year | month | day | hour | minute | second | nanos) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** @return the decimal value of {@code t[from, to)}, or -1 when a character is no ASCII digit */
    private static int digits(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Parses a recorded time, treating garbage as unknown.
     *
     * @param text the text, or null
     * @return the instant, or null when absent, zero or unreadable
     */
    static Instant lenient(String text) {
        try {
            return parse(text).orElse(null);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
