package io.github.drydock.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** What can own a layer folder on disk. In JSON each value is written as its {@link #label()}. */
public enum OwnerType {
    /** An image whose layers use the folder (by chain id on 1.10+ roots, by image id on legacy roots). */
    IMAGE("image"),
    /** A container whose read-write layer ({@code mount id}) is the folder. */
    CONTAINER("container"),
    /** A container whose init layer ({@code init id}, {@code <mount id>-init}) is the folder. */
    CONTAINER_INIT("container-init"),
    /** A volume whose data is the folder (0.7–1.6 volumes in {@code vfs/dir/<id>}). */
    VOLUME("volume");

    private final String label;

    OwnerType(String label) {
        this.label = label;
    }

    /** @return the lower-case name used in JSON and in timeline names, e.g. {@code container-init} */
    @JsonValue
    public String label() {
        return label;
    }
}
