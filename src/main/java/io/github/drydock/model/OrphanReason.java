package io.github.drydock.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why nobody owns a layer folder (or why a volume's folder is unused). In JSON: its {@link #label()}. */
public enum OrphanReason {
    /**
     * No image, container or volume refers to it: the leftover of a deleted image or container (or of
     * metadata too damaged to name its owner: see the problems).
     */
    UNREFERENCED("unreferenced", "nothing refers to it: left over from a deleted image or container"),
    /** {@code <id>-removing}: Docker renamed it to delete it and stopped half way. */
    REMOVING("removing", "half removed: Docker renamed it to delete it and stopped"),
    /** A temporary folder ({@code _tmp}, {@code tmp}) of an interrupted pull, build or removal. */
    TEMPORARY("temporary", "temporary folder of an interrupted operation"),
    /** {@code <id>-init} whose container is gone. */
    INIT_WITHOUT_CONTAINER("init-without-container", "init layer whose container is gone"),
    /** A volume's data folder that no container mounts ({@code docker rm} without {@code -v}). */
    UNUSED_VOLUME("unused-volume", "volume data no container mounts");

    private final String label;
    private final String description;

    OrphanReason(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** @return the lower-case code used in JSON, e.g. {@code init-without-container} */
    @JsonValue
    public String label() {
        return label;
    }

    /** @return one line for a person */
    public String description() {
        return description;
    }
}
