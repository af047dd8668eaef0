package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code volumes/<id>/config.json} of Docker 1.3–1.6 ({@code volumes/volume.go}); left in place by
 * later versions. See spec/docker-legacy-layout.md §7.2.
 *
 * @param id          {@code ID}
 * @param path        {@code Path}: the host path of the data (symlink-resolved by the daemon)
 * @param isBindMount {@code IsBindMount}: true for a bind mount, which is no volume
 * @param writable    {@code Writable}
 */
public record VolumeConfigJson(
        @JsonProperty("ID") String id,
        @JsonProperty("Path") String path,
        @JsonProperty("IsBindMount") boolean isBindMount,
        @JsonProperty("Writable") boolean writable) {
}
