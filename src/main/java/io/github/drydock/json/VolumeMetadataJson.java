package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * One value of the {@code volumes} bucket of {@code volumes/metadata.db} (1.10+ layout;
 * {@code volume/service/db.go}), keyed by volume name:
 * {@code {"Name":"namedvol","Driver":"local","Labels":{...},"Options":{...}}}.
 *
 * @param name    {@code Name}
 * @param driver  {@code Driver}
 * @param labels  {@code Labels}, or null
 * @param options {@code Options}: driver options, or null
 */
public record VolumeMetadataJson(
        @JsonProperty("Name") String name,
        @JsonProperty("Driver") String driver,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("Options") Map<String, String> options) {
}
