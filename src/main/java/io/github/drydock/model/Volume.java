package io.github.drydock.model;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Docker-managed volume (never a bind mount).
 *
 * @param name       the volume name or 64-hex id
 * @param path       its data folder on the opened disk ({@code vfs/dir/<id>} or {@code volumes/<name>/_data},
 *                   symlinks rebased onto the root), or null when the data is gone
 * @param size       bytes on disk of the data folder, -1 when unknown
 * @param driver     the volume driver, e.g. {@code local}
 * @param anonymous  true for a 64-hex name nobody chose
 * @param created    creation time if recorded, or null
 * @param labels     labels if recorded
 * @param containers the containers that mount it (empty: an orphan)
 * @param source     where it was found: {@code vfs/dir}, {@code volumes}, {@code container config}
 */
public record Volume(String name, Path path, long size, String driver, boolean anonymous, Instant created,
                     Map<String, String> labels, List<VolumeUse> containers, String source) {
    /** Validates the name and copies collections defensively. */
    public Volume {
        Objects.requireNonNull(name, "name");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    /** @return true when no container mounts it */
    public boolean orphan() {
        return containers.isEmpty();
    }
}
