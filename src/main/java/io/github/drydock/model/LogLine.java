package io.github.drydock.model;

import java.time.Instant;

/**
 * One record of a json-file container log.
 *
 * @param stream {@code stdout} or {@code stderr}
 * @param time   when it was written, or null
 * @param text   the text as written, trailing newline included
 */
public record LogLine(String stream, Instant time, String text) {
}
