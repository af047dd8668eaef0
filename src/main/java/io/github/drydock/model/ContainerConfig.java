package io.github.drydock.model;

import java.util.List;
import java.util.Map;

/**
 * The run-time settings of an image or container ({@code config} / {@code Config}).
 *
 * @param user         user name or uid, or null
 * @param env          {@code K=V} strings
 * @param cmd          the command, or an empty list
 * @param entrypoint   the entrypoint, or an empty list
 * @param workingDir   the working folder, or null
 * @param exposedPorts e.g. {@code 3306/tcp}
 * @param volumes      container paths declared as volumes
 * @param labels       labels
 * @param hostname     the hostname, or null
 */
public record ContainerConfig(String user, List<String> env, List<String> cmd, List<String> entrypoint,
                              String workingDir, List<String> exposedPorts, List<String> volumes,
                              Map<String, String> labels, String hostname) {
    /** An empty configuration. */
    public static final ContainerConfig EMPTY = new ContainerConfig(null, List.of(), List.of(), List.of(),
            null, List.of(), List.of(), Map.of(), null);

    /** Copies the lists defensively; null lists become empty. */
    public ContainerConfig {
        env = env == null ? List.of() : List.copyOf(env);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
