package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * A container's {@code config.json} (0.7–1.9) or {@code config.v2.json} (1.10+): the union of the
 * keys drydock reads. Unknown keys are ignored. Source: {@code container.go} (0.7–0.9),
 * {@code daemon/container.go} (0.11–1.9), {@code container/container.go} (1.10+); see
 * spec/docker-legacy-layout.md §6.2 and spec/docker-modern-layout-and-archives.md §1.9.
 *
 * @param id             {@code ID}
 * @param created        {@code Created} (RFC 3339 text)
 * @param path           {@code Path}: the entry program
 * @param args           {@code Args}
 * @param config         {@code Config}
 * @param state          {@code State}
 * @param image          {@code Image}: the resolved image id, {@code sha256:}-prefixed from 1.10
 * @param name           {@code Name}, e.g. {@code /db}
 * @param driver         {@code Driver}: the storage driver; empty before 0.7 (meaning aufs)
 * @param logPath        {@code LogPath} (1.6+), absolute host path
 * @param hostnamePath   {@code HostnamePath}, absolute host path
 * @param hostsPath      {@code HostsPath}, absolute host path
 * @param resolvConfPath {@code ResolvConfPath}, absolute host path
 * @param volumes        {@code Volumes}: container path → host path (0.7–1.9)
 * @param volumesRw      {@code VolumesRW}: container path → writable (0.7–1.9)
 * @param mountPoints    {@code MountPoints}: container path → mount point (1.7+)
 * @param restartCount   {@code RestartCount} (1.2+)
 */
public record ContainerJson(
        @JsonProperty("ID") String id,
        @JsonProperty("Created") String created,
        @JsonProperty("Path") String path,
        @JsonProperty("Args") List<String> args,
        @JsonProperty("Config") RunConfigJson config,
        @JsonProperty("State") StateJson state,
        @JsonProperty("Image") String image,
        @JsonProperty("Name") String name,
        @JsonProperty("Driver") String driver,
        @JsonProperty("LogPath") String logPath,
        @JsonProperty("HostnamePath") String hostnamePath,
        @JsonProperty("HostsPath") String hostsPath,
        @JsonProperty("ResolvConfPath") String resolvConfPath,
        @JsonProperty("Volumes") Map<String, String> volumes,
        @JsonProperty("VolumesRW") Map<String, Boolean> volumesRw,
        @JsonProperty("MountPoints") Map<String, MountPointJson> mountPoints,
        @JsonProperty("RestartCount") int restartCount) {
}
