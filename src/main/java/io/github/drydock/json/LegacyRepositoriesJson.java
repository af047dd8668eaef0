package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * A legacy tag store, {@code repositories-<driver>} (Docker 0.7–1.9):
 * {@code {"Repositories":{"<repo>":{"<tag or sha256:digest>":"<image id>"}}}}. The only serialised
 * field of Docker's {@code TagStore}; a key containing {@code :} is a digest reference (1.6+), not a tag.
 * Source: {@code graph/tags.go} (v1.9.1); spec/docker-legacy-layout.md §4.
 *
 * @param repositories repo name (local form, e.g. {@code mysql}, {@code user/app},
 *                     {@code host:5000/app}) → tag or digest → image id; null when the key is absent
 */
public record LegacyRepositoriesJson(
        @JsonProperty("Repositories") Map<String, Map<String, String>> repositories) {
}
