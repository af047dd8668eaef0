package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of a json-file container log ({@code pkg/jsonlog/jsonlog.go} v1.9.1,
 * {@code daemon/logger/jsonfilelog/jsonlog/jsonlog.go} today):
 * {@code {"log":"text\n","stream":"stdout","time":"2015-03-01T12:00:00.123456789Z"}}.
 *
 * @param log    {@code log}: the text written, trailing newline included
 * @param stream {@code stream}: {@code stdout} or {@code stderr}
 * @param time   {@code time} (RFC 3339 text)
 */
public record LogEntryJson(
        @JsonProperty("log") String log,
        @JsonProperty("stream") String stream,
        @JsonProperty("time") String time) {
}
