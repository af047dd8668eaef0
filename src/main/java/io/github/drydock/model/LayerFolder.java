package io.github.drydock.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One layer folder on disk, whoever owns it: what {@code drydock layers} lists.
 *
 * @param driver     the storage driver whose home holds it ({@code aufs}, {@code overlay2}, ...); for a
 *                   {@code layerdb} entry the driver of that {@code image/<driver>/} tree
 * @param id         the folder's name: a cache id, mount id, init id ({@code <id>-init}), legacy image id,
 *                   volume id, or whatever else is there ({@code <id>-removing}, {@code tmp})
 * @param path       the folder (or file) on disk
 * @param otherPaths further paths that belong to the same id (aufs {@code layers/<id>} and {@code mnt/<id>},
 *                   devicemapper {@code mnt/<id>}); counted in {@code size}
 * @param content    the folder holding the layer's files (overlay2 {@code <id>/diff}, overlay {@code <id>/root}
 *                   or {@code upper}); null when there are none to read
 * @param size       bytes on disk (regular files, hard links once, symlinks never followed), -1 when unknown
 * @param kind       what it holds
 * @param owners     who uses it; empty for an orphan
 * @param orphan     true when nobody uses it
 * @param reason     why it is an orphan, or null when it is not one
 */
public record LayerFolder(String driver, String id, Path path, List<Path> otherPaths, Path content, long size,
                          LayerFolderKind kind, List<Owner> owners, boolean orphan, OrphanReason reason) {
    /** Validates the identity and copies lists. */
    public LayerFolder {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        otherPaths = otherPaths == null ? List.of() : List.copyOf(otherPaths);
        owners = owners == null ? List.of() : List.copyOf(owners);
        if (orphan && reason == null) {
            throw new IllegalArgumentException("an orphan needs a reason: " + path);
        }
    }
}
