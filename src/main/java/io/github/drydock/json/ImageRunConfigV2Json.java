package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The {@code config} object of an image config ({@code container.Config} in moby, keys in Go field
 * case). {@code Cmd} and {@code Entrypoint} are a string or an array of strings in the wild
 * (moby {@code strslice.StrSlice}); a single string becomes a one-element list, as Docker reads it.
 * Source: moby/moby {@code api/types/container/config.go} (v20.10.24).
 *
 * @param hostname     the hostname, or null
 * @param user         user name or uid, or null
 * @param env          {@code K=V} strings, or null
 * @param cmd          the command, or null
 * @param entrypoint   the entrypoint, or null
 * @param workingDir   the working folder, or null
 * @param exposedPorts keys like {@code 80/tcp}, or null
 * @param volumes      keys are container paths, or null
 * @param labels       labels, or null
 */
public record ImageRunConfigV2Json(
        @JsonProperty("Hostname") String hostname,
        @JsonProperty("User") String user,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Cmd") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> cmd,
        @JsonProperty("Entrypoint") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> entrypoint,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
        @JsonProperty("Volumes") Map<String, Object> volumes,
        @JsonProperty("Labels") Map<String, String> labels) {
}
