package io.github.drydock.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What kind of id a {@code whois} match is, in the order matches are listed: the objects a person knows
 * first, then the layer ids, then the driver folder names. In JSON: its {@link #label()}.
 */
public enum IdKind {
    /** An image id (on a legacy root also the id of the image's own layer). */
    IMAGE("image-id"),
    /** A container id. */
    CONTAINER("container-id"),
    /** A volume name or id. */
    VOLUME("volume"),
    /** A layer's chain id ({@code layerdb/sha256/<chain id>}). */
    CHAIN_ID("chain-id"),
    /** A layer's diff id (sha256 of its uncompressed tar). */
    DIFF_ID("diff-id"),
    /** A legacy (0.7–1.9) layer id, which is the id of the image that made it. */
    V1_ID("v1-id"),
    /** The driver folder name of an image layer. */
    CACHE_ID("cache-id"),
    /** The driver folder name of a container's read-write layer. */
    MOUNT_ID("mount-id"),
    /** The driver folder name of a container's init layer. */
    INIT_ID("init-id"),
    /** An overlay2 short name ({@code overlay2/l/<name>}, also in {@code link} and {@code lower} files). */
    SHORT_LINK("short-link"),
    /** A driver folder no image or container owns (an orphan, or a legacy volume's folder). */
    LAYER_FOLDER("layer-folder");

    private final String label;

    IdKind(String label) {
        this.label = label;
    }

    /** @return the lower-case name used in JSON and tables */
    @JsonValue
    public String label() {
        return label;
    }
}
