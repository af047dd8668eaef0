package io.github.drydock.layout;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Go's RFC 3339 times as Docker writes them ({@code 2015-03-01T12:00:00.123456789Z}, or with an
 * offset). Go's zero time {@code 0001-01-01T00:00:00Z} means "never".
 */
final class DockerTime {
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
        OffsetDateTime time = OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return time.getYear() <= 1 ? Optional.empty() : Optional.of(time.toInstant());
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
