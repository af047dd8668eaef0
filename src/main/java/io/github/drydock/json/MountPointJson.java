package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One value of a container's {@code MountPoints} map (1.7+; {@code daemon/volumes.go} v1.7.1,
 * {@code volume/mounts/mounts.go} today). {@code Type} exists only from 1.13 on.
 *
 * @param source      {@code Source}: the host path; empty for an anonymous volume in 1.7–1.9
 * @param destination {@code Destination}: the path inside the container
 * @param rw          {@code RW}: writable
 * @param name        {@code Name}: the volume name, empty for a bind mount
 * @param driver      {@code Driver}: the volume driver ({@code local}), empty for a bind mount
 * @param type        {@code Type}: {@code volume}, {@code bind}, {@code tmpfs}, ... or null before 1.13
 */
public record MountPointJson(
        @JsonProperty("Source") String source,
        @JsonProperty("Destination") String destination,
        @JsonProperty("RW") Boolean rw,
        @JsonProperty("Name") String name,
        @JsonProperty("Driver") String driver,
        @JsonProperty("Type") String type) {
}
