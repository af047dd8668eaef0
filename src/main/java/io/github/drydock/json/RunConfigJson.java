package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The {@code Config} object of a container ({@code runconfig/config.go} 0.8–1.9,
 * {@code api/types/container/config.go} today): the union of the keys every version wrote that
 * drydock shows. {@code Cmd}, {@code Entrypoint} and {@code Env} may be null, an array or a single
 * string (the shared mapper accepts a single value as a one-element list).
 *
 * @param hostname     {@code Hostname}
 * @param user         {@code User}
 * @param env          {@code Env}: {@code K=V} strings
 * @param cmd          {@code Cmd}
 * @param entrypoint   {@code Entrypoint}
 * @param image        {@code Image}: the image name as the user typed it
 * @param volumes      {@code Volumes}: {@code {"/path": {}}} (kept as a tree: very old files vary)
 * @param workingDir   {@code WorkingDir}
 * @param labels       {@code Labels} (1.6+)
 * @param exposedPorts {@code ExposedPorts}: {@code {"3306/tcp": {}}} (kept as a tree)
 */
public record RunConfigJson(
        @JsonProperty("Hostname") String hostname,
        @JsonProperty("User") String user,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonProperty("Entrypoint") List<String> entrypoint,
        @JsonProperty("Image") String image,
        @JsonProperty("Volumes") JsonNode volumes,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("ExposedPorts") JsonNode exposedPorts) {
}
