package io.github.drydock.layout;

import io.github.drydock.model.Container;
import io.github.drydock.model.Volume;

import java.util.List;

/**
 * Reads Docker-managed volumes of every generation: {@code vfs/dir/<id>} with {@code volumes/<id>/json}
 * or {@code config.json} (0.7–1.6), {@code volumes/<name>/_data} (1.7+, a symlink to the old
 * {@code vfs/dir} path after migration), {@code volumes/metadata.db} (1.10+); and maps each to the
 * containers that mount it. See spec/docker-legacy-layout.md §7 and spec/docker-modern-layout-and-archives.md §1.10.
 */
public final class VolumeStore {
    private VolumeStore() {
    }

    /**
     * Reads every volume.
     *
     * @param context    the opened root
     * @param containers the containers already read, whose mounts link volumes to them
     * @return the volumes sorted by name; orphans included
     */
    public static List<Volume> read(RootContext context, List<Container> containers) {
        return List.of();
    }
}
