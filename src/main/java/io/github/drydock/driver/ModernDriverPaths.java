package io.github.drydock.driver;

import io.github.drydock.model.LayerKind;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a graph driver of a 1.10+ root keeps the files of a layer named by a {@code cache-id}
 * (image layers) or a {@code mount-id}/{@code init-id} (container layers), and whether that folder
 * is a DIFF or a SNAPSHOT. Pure path logic: nothing here touches the disk.
 * Sources: moby/moby {@code daemon/graphdriver/overlay2/overlay.go} (docker-v29.7.2),
 * {@code daemon/graphdriver/overlay/overlay.go} and {@code daemon/graphdriver/aufs/aufs.go} (v23.0.0),
 * {@code daemon/graphdriver/vfs/driver.go}, {@code daemon/graphdriver/btrfs/btrfs.go};
 * see spec/docker-modern-layout-and-archives.md §1.5–1.7.
 */
public sealed interface ModernDriverPaths permits ModernOverlay2Paths, ModernOverlayPaths, ModernAufsPaths,
        ModernSnapshotPaths, ModernUnreadablePaths {
    /** @return Docker's name of the driver */
    String driver();

    /** @return the driver's home folder under the root ({@code ROOT/<driver>}) */
    Path home();

    /** @return how an image layer's folder holds its files */
    LayerKind imageLayerKind();

    /** @return how a container's read-write (and init) layer folder holds its files */
    LayerKind containerLayerKind();

    /**
     * @param cacheId an image layer's cache id
     * @return the folder with that layer's files, or empty when the driver keeps none readable
     *         or the id is no safe path segment
     */
    Optional<Path> layerDir(String cacheId);

    /**
     * @param mountId a container's mount id or init id
     * @return the folder with that container layer's files, or empty as for {@link #layerDir}
     */
    Optional<Path> containerDir(String mountId);

    /**
     * The paths of a driver.
     *
     * @param driver Docker's driver name
     * @param home   the driver's home folder
     * @return its path logic; drivers drydock cannot read offline get {@link ModernUnreadablePaths}
     */
    static ModernDriverPaths of(String driver, Path home) {
        return switch (driver) {
            case "overlay2", "fuse-overlayfs" -> new ModernOverlay2Paths(driver, home);
            case "overlay" -> new ModernOverlayPaths(home);
            case "aufs" -> new ModernAufsPaths(home);
            case "vfs" -> new ModernSnapshotPaths(driver, home, ModernSnapshotPaths.VFS_DIR);
            case "btrfs" -> new ModernSnapshotPaths(driver, home, ModernSnapshotPaths.BTRFS_SUBVOLUMES);
            default -> new ModernUnreadablePaths(driver, home);
        };
    }
}
