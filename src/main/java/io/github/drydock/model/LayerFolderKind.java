package io.github.drydock.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a layer folder on disk holds. In JSON each value is written as its {@link #label()}. */
public enum LayerFolderKind {
    /** Only the layer's own changes (aufs {@code diff/<id>}, overlay2 {@code <id>/diff}, overlay {@code upper/}). */
    DIFF("diff"),
    /** The complete tree at that layer (vfs {@code dir/<id>}, btrfs {@code subvolumes/<id>}, overlay {@code root/}). */
    SNAPSHOT("snapshot"),
    /**
     * A record of a layer whose bytes cannot be read offline (devicemapper {@code metadata/<id>}, zfs
     * {@code graph/<id>}).
     */
    UNREADABLE("unreadable"),
    /**
     * Bookkeeping of a layer without its files: an aufs {@code layers/<id>} or {@code mnt/<id>} whose
     * {@code diff/<id>} is gone, a {@code layerdb/sha256/<chain id>-removing} entry, a temporary folder.
     */
    METADATA("metadata");

    private final String label;

    LayerFolderKind(String label) {
        this.label = label;
    }

    /** @return the lower-case name used in JSON */
    @JsonValue
    public String label() {
        return label;
    }
}
