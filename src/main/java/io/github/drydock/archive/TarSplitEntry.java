package io.github.drydock.archive;

import java.util.Objects;

/**
 * One validated entry of a tar-split file: either raw tar bytes to copy verbatim, or a placeholder for
 * a member whose content is read from the layer folder.
 */
public sealed interface TarSplitEntry {
    /** @return the 0-based index of the entry in its file */
    long position();

    /**
     * Raw bytes of the original tar: headers, padding, the end-of-archive blocks.
     *
     * @param position the entry index
     * @param bytes    the bytes (not copied: do not modify)
     */
    record Segment(long position, byte[] bytes) implements TarSplitEntry {
        /** Validates that the bytes are present. */
        public Segment {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /**
     * A tar member; when {@code size > 0} its content is the file {@code <layer folder>/<name>}.
     *
     * @param position the entry index
     * @param name     the member name as recorded (for messages and lookup); decoded from
     *                 {@code name_raw} when that is not UTF-8, each such byte kept exactly as
     *                 {@link io.github.drydock.model.FileNames} escapes it
     * @param rawName  true when the name came from {@code name_raw} and is not valid UTF-8
     * @param size     the content size in bytes (0 for directories, links, devices, whiteouts)
     * @param crc      the CRC-64/ISO of the content (meaningless when size is 0)
     */
    record File(long position, String name, boolean rawName, long size, long crc) implements TarSplitEntry {
        /** Validates the name and size. */
        public File {
            Objects.requireNonNull(name, "name");
            if (size < 0) {
                throw new IllegalArgumentException("negative size " + size);
            }
        }
    }
}
