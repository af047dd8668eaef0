package io.github.drydock.driver;

import io.github.drydock.model.LayerKind;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where each storage driver of Docker 0.7–1.9 keeps a layer's bytes under the root, and whether the
 * folder holds a diff or a complete tree. Pure path arithmetic, no I/O: the caller checks what exists
 * and refuses symlinks out of the root.
 *
 * <p>Sources: {@code daemon/graphdriver/{aufs,overlay,vfs,btrfs,devmapper,zfs}} (v1.9.1);
 * spec/docker-legacy-layout.md §5.
 */
public enum LegacyDriverPaths {
    /** aufs: {@code aufs/diff/<id>} holds the layer's own files and whiteouts; {@code aufs/layers/<id>} its ancestors. */
    AUFS("aufs", LayerKind.DIFF, new Place(Folders.AUFS_DIFF, ""), new Place(Folders.AUFS_DIFF, ""), LayerKind.DIFF),
    /**
     * overlay (v1): an image layer is the complete tree {@code overlay/<id>/root}; a container's
     * {@code overlay/<id>/upper} holds its changes plus the init placeholders copied from its init layer.
     */
    OVERLAY("overlay", LayerKind.SNAPSHOT, new Place(Folders.OVERLAY, Folders.OVERLAY_ROOT),
            new Place(Folders.OVERLAY, Folders.OVERLAY_UPPER), LayerKind.DIFF),
    /** vfs: {@code vfs/dir/<id>} is the complete tree at that layer (also home of 0.7–1.6 volumes). */
    VFS("vfs", LayerKind.SNAPSHOT, new Place(Folders.VFS_DIR, ""), new Place(Folders.VFS_DIR, ""), LayerKind.SNAPSHOT),
    /** btrfs: {@code btrfs/subvolumes/<id>} is a snapshot holding the complete tree. */
    BTRFS("btrfs", LayerKind.SNAPSHOT, new Place(Folders.BTRFS_SUBVOLUMES, ""),
            new Place(Folders.BTRFS_SUBVOLUMES, ""), LayerKind.SNAPSHOT),
    /** devicemapper: thin devices inside a pool; only {@code devicemapper/metadata/<id>} is readable offline. */
    DEVICEMAPPER("devicemapper", LayerKind.UNREADABLE, new Place(Folders.DEVICEMAPPER_METADATA, ""),
            new Place(Folders.DEVICEMAPPER_METADATA, ""), LayerKind.UNREADABLE),
    /** zfs: datasets outside the root; {@code zfs/graph/<id>} is only their mount point. */
    ZFS("zfs", LayerKind.UNREADABLE, new Place(Folders.ZFS_GRAPH, ""), new Place(Folders.ZFS_GRAPH, ""),
            LayerKind.UNREADABLE);

    /** Suffix Docker gives a container's init layer id: {@code <container id>-init}. */
    public static final String INIT_SUFFIX = "-init";

    private final String driverName;
    private final LayerKind imageKind;
    private final Place imagePlace;
    private final Place containerPlace;
    private final LayerKind containerKind;

    LegacyDriverPaths(String driverName, LayerKind imageKind, Place imagePlace, Place containerPlace,
                      LayerKind containerKind) {
        this.driverName = driverName;
        this.imageKind = imageKind;
        this.imagePlace = imagePlace;
        this.containerPlace = containerPlace;
        this.containerKind = containerKind;
    }

    /**
     * Where a layer's bytes are, relative to the Docker root: {@code <home>/<id>/<tail>}.
     *
     * @param home the driver folder holding one entry per id, e.g. {@code aufs/diff} (never a symlink)
     * @param tail what to append below the id's entry, e.g. {@code root}; empty for the entry itself
     */
    public record Place(String home, String tail) {
        /** Validates both parts. */
        public Place {
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(tail, "tail");
        }
    }

    /**
     * Finds the paths of a driver by Docker's name for it.
     *
     * @param name e.g. {@code aufs}
     * @return its paths, or empty for a driver that never existed before 1.10 (e.g. {@code overlay2})
     */
    public static Optional<LegacyDriverPaths> byName(String name) {
        String wanted = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.driverName.equals(wanted)).findFirst();
    }

    /** @return Docker's name of the driver, which is also its home folder under the root */
    public String driverName() {
        return driverName;
    }

    /** @return how an image layer's folder holds its bytes */
    public LayerKind imageKind() {
        return imageKind;
    }

    /** @return where an image layer lives */
    public Place imagePlace() {
        return imagePlace;
    }

    /** @return where a container's read-write layer and its {@code -init} layer live */
    public Place containerPlace() {
        return containerPlace;
    }

    /** @return how a container layer's folder holds its bytes */
    public LayerKind containerKind() {
        return containerKind;
    }

    /** @return true when the bytes cannot be read offline (devicemapper, zfs) */
    public boolean unreadable() {
        return imageKind == LayerKind.UNREADABLE;
    }

    /**
     * The folder listing each layer's ancestors, nearest first, one id per line (aufs only).
     *
     * @return {@code aufs/layers}, or empty for the other drivers
     */
    public Optional<String> ancestorsHome() {
        return this == AUFS ? Optional.of(Folders.AUFS_LAYERS) : Optional.empty();
    }

    /** Every driver folder name, each once. */
    private static final class Folders {
        static final String AUFS_DIFF = "aufs/diff";
        static final String AUFS_LAYERS = "aufs/layers";
        static final String OVERLAY = "overlay";
        static final String OVERLAY_ROOT = "root";
        static final String OVERLAY_UPPER = "upper";
        static final String VFS_DIR = "vfs/dir";
        static final String BTRFS_SUBVOLUMES = "btrfs/subvolumes";
        static final String DEVICEMAPPER_METADATA = "devicemapper/metadata";
        static final String ZFS_GRAPH = "zfs/graph";
    }
}
