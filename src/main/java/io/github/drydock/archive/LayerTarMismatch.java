package io.github.drydock.archive;

import java.util.Objects;

/**
 * One file of a layer whose bytes on disk are not what the layer tar held when Docker recorded its
 * tar-split: the reason the layer cannot be rebuilt byte-exactly.
 *
 * @param kind     what is wrong
 * @param path     the member name as recorded in the tar-split (e.g. {@code usr/bin/x} or {@code ./bin/tool})
 * @param position the tar-split entry of that member
 * @param detail   the facts, e.g. {@code CRC-64 1a2b… ≠ 3c4d…} or {@code 12 bytes on disk, 10 recorded}
 */
public record LayerTarMismatch(Kind kind, String path, long position, String detail) {
    /** What can be wrong with a file that a layer tar needs. */
    public enum Kind {
        /** The file is there but its content or length differs. */
        CHANGED,
        /** No file at that path. */
        MISSING,
        /** Something else is there: a directory, a symlink, a device, a FIFO, or a symlink on the way. */
        NOT_REGULAR,
        /** The file could not be read (permissions, I/O error, a name Java cannot represent). */
        UNREADABLE
    }

    /** Validates that every part is present. */
    public LayerTarMismatch {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(detail, "detail");
    }

    /** @return a sentence for people, e.g. {@code file usr/bin/x changed since docker wrote the tar-split (…)} */
    public String message() {
        return switch (kind) {
            case CHANGED -> "file " + path + " changed since docker wrote the tar-split (" + detail + ")";
            case MISSING -> "file " + path + " missing (" + detail + ")";
            case NOT_REGULAR -> "file " + path + " is not a regular file any more (" + detail + ")";
            case UNREADABLE -> "file " + path + " unreadable (" + detail + ")";
        };
    }

    @Override
    public String toString() {
        return message();
    }
}
