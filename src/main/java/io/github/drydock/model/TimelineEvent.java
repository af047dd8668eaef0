package io.github.drydock.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Something Docker recorded as happening at a time: an image built, a container created, started or
 * finished, the first and last record of a container log, a volume created.
 *
 * @param time        when
 * @param description what, naming the object, e.g. {@code container finished /c-run (exit 3)}
 */
public record TimelineEvent(Instant time, String description) {
    /** The prefix of every event name in a timeline, so events sort apart from file names. */
    public static final String PREFIX = "[docker] ";

    /** Validates both parts. */
    public TimelineEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(description, "description");
    }

    /** @return the timeline name: {@value #PREFIX} then the description */
    public String name() {
        return PREFIX + description;
    }
}
