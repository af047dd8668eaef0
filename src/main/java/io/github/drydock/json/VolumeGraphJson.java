package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code volumes/<id>/json} of Docker 0.7–1.2, where volumes were a second image graph: an
 * image-shaped JSON of which drydock reads the id and creation time. See spec/docker-legacy-layout.md §7.1.
 *
 * @param id      {@code id}
 * @param created {@code created} (RFC 3339 text)
 */
public record VolumeGraphJson(
        @JsonProperty("id") String id,
        @JsonProperty("created") String created) {
}
