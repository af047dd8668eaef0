package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of an image config's {@code history}. Source: moby/moby {@code image/image.go} (v20.10.24).
 *
 * @param created    when the step ran, RFC 3339 text, or null
 * @param createdBy  the command, or null
 * @param author     the author, or null
 * @param comment    a comment, or null
 * @param emptyLayer true when the step made no layer (then it has no diff id)
 */
public record HistoryJson(
        @JsonProperty("created") String created,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("author") String author,
        @JsonProperty("comment") String comment,
        @JsonProperty("empty_layer") boolean emptyLayer) {
}
