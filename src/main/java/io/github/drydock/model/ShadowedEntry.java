package io.github.drydock.model;

import java.util.Objects;

/**
 * A node that exists on disk in a lower layer but is not visible in the merged view, because a higher
 * layer deleted or hid it. Forensic evidence: the bytes are still on the disk.
 *
 * @param entry    the hidden node, with the layer it lives in and its file on disk
 * @param hiddenBy the id of the layer that hid it (for nodes below a hidden folder: the layer that hid
 *                 that folder)
 * @param reason   how it was hidden
 */
public record ShadowedEntry(FileEntry entry, String hiddenBy, Reason reason) {
    /** Validates that every part is present. */
    public ShadowedEntry {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(hiddenBy, "hiddenBy");
        Objects.requireNonNull(reason, "reason");
    }

    /** How a higher layer hid a lower node. */
    public enum Reason {
        /** A whiteout ({@code .wh.<name>} file or overlay character device 0:0) deleted it or a folder above it. */
        WHITEOUT,
        /** An opaque folder ({@code .wh..wh..opq} or {@code overlay.opaque=y}) hid the lower folder's content. */
        OPAQUE,
        /** A node of another type at the same path replaced it (file → folder, folder → symlink, ...). */
        REPLACED
    }

    @Override
    public String toString() {
        return reason + " " + entry.path() + " (" + entry.type() + " in layer " + entry.layerId() + ", hidden by "
                + hiddenBy + ")";
    }
}
