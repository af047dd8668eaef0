package io.github.drydock.model;

/**
 * How a driver keeps a layer's bytes. One rule covers every driver: a layer stack is diffs, top to
 * bottom, over at most one full snapshot.
 */
public enum LayerKind {
    /** The folder holds only this layer's changes, whiteouts included (aufs, overlay2, overlay upper). */
    DIFF,
    /** The folder holds the complete tree at this layer (vfs, btrfs, overlay v1 {@code root/}). */
    SNAPSHOT,
    /** The bytes are not readable offline (devicemapper, zfs). */
    UNREADABLE
}
