package io.github.drydock.model;

import java.nio.file.Path;

/**
 * One mount of a container.
 *
 * @param destination the path inside the container
 * @param source      the host path as recorded (may lie outside the root)
 * @param volume      the volume name/id for a Docker-managed volume, null for a bind mount
 * @param rw          writable
 * @param type        {@code volume}, {@code bind}, {@code tmpfs}, or another recorded type
 * @param driver      the volume driver ({@code local}, a plugin name), or null
 * @param dataPath    where the data is on the opened disk (rebased onto the root), or null when it is not reachable
 */
public record Mount(String destination, String source, String volume, boolean rw, String type,
                    String driver, Path dataPath) {
}
