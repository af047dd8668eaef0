package io.github.drydock.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    // Written out on purpose: a record's generated equals/hashCode are bootstrapped (ObjectMethods) at
    // their first call, several milliseconds each in a short run's interpreter; roots are read with these
    // interned (layout.Dedup) right at start-up. RecordEqualityTest checks that every component counts.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof ContainerConfig o && Objects.equals(user, o.user)
                && Objects.equals(env, o.env)
                && Objects.equals(cmd, o.cmd)
                && Objects.equals(entrypoint, o.entrypoint)
                && Objects.equals(workingDir, o.workingDir)
                && Objects.equals(exposedPorts, o.exposedPorts)
                && Objects.equals(volumes, o.volumes)
                && Objects.equals(labels, o.labels)
                && Objects.equals(hostname, o.hostname);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, env, cmd, entrypoint, workingDir, exposedPorts, volumes, labels, hostname);
    }
}
