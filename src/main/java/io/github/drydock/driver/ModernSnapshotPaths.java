package io.github.drydock.driver;

import io.github.drydock.model.LayerKind;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The drivers whose every layer folder, image or container, is a SNAPSHOT of the full tree at that layer,
 * named by its cache id or mount id: vfs ({@code dir/<id>}, a full copy) and btrfs
 * ({@code subvolumes/<id>}, a snapshot subvolume).
 *
 * @param driver Docker's name of the driver ({@code vfs} or {@code btrfs})
 * @param home   the driver home
 * @param folder the folder of layer trees under the home ({@link #VFS_DIR} or {@link #BTRFS_SUBVOLUMES})
 */
public record ModernSnapshotPaths(String driver, Path home, String folder) implements ModernDriverPaths {
    /** vfs: the folder of layer trees. */
    public static final String VFS_DIR = "dir";
    /** btrfs: the folder of subvolumes. */
    public static final String BTRFS_SUBVOLUMES = "subvolumes";

    /** Checks the components. */
    public ModernSnapshotPaths {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(folder, "folder");
    }

    @Override
    public LayerKind imageLayerKind() {
        return LayerKind.SNAPSHOT;
    }

    @Override
    public LayerKind containerLayerKind() {
        return LayerKind.SNAPSHOT;
    }

    @Override
    public Optional<Path> layerDir(String cacheId) {
        return ModernDriverIds.under(home.resolve(folder), cacheId);
    }

    @Override
    public Optional<Path> containerDir(String mountId) {
        return ModernDriverIds.under(home.resolve(folder), mountId);
    }
}
