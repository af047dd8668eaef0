package io.github.drydock.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A storage driver found in a root.
 *
 * @param name     Docker's name for it: {@code aufs}, {@code overlay}, {@code overlay2}, {@code vfs},
 *                 {@code btrfs}, {@code devicemapper}, {@code zfs}, {@code fuse-overlayfs}
 * @param path     its home folder under the root ({@code ROOT/<name>})
 * @param active   true for the driver whose image metadata drydock reads (the one the daemon last used)
 * @param readable false where the layer bytes cannot be read offline (devicemapper, zfs)
 * @param layerCount number of layer folders found in its home
 */
public record Driver(String name, Path path, boolean active, boolean readable, int layerCount) {
    /** Validates the name. */
    public Driver {
        Objects.requireNonNull(name, "name");
    }
}
