package io.github.drydock.model;

/**
 * The kind of a file-system node, as {@code lstat(2)} reports it. A hard link is no type of its own:
 * two {@link FileEntry FileEntries} of type {@link #FILE} with the same {@link FileEntry#hardLinkKey()}
 * are links to one inode.
 */
public enum FileType {
    /** A regular file. */
    FILE,
    /** A directory. */
    DIR,
    /** A symbolic link; its target is kept as stored, never resolved on the host. */
    SYMLINK,
    /** A character device node (an overlay whiteout is a character device 0:0). */
    CHAR,
    /** A block device node. */
    BLOCK,
    /** A named pipe; never opened. */
    FIFO,
    /** A Unix domain socket; never opened, never exported. */
    SOCKET;

    /** Mask of the file-type bits of {@code st_mode}. */
    private static final int S_IFMT = 0170000;

    /**
     * Decodes the type bits of a Unix {@code st_mode}.
     *
     * @param stMode the full mode as {@code lstat(2)} returns it
     * @return the type, or {@code null} when the bits name no known type
     */
    public static FileType fromMode(int stMode) {
        return switch (stMode & S_IFMT) {
            case 0100000 -> FILE;
            case 0040000 -> DIR;
            case 0120000 -> SYMLINK;
            case 0020000 -> CHAR;
            case 0060000 -> BLOCK;
            case 0010000 -> FIFO;
            case 0140000 -> SOCKET;
            default -> null;
        };
    }

    /** @return the {@code st_mode} type bits of this type (e.g. {@code 0100000} for a regular file) */
    public int modeBits() {
        return switch (this) {
            case FILE -> 0100000;
            case DIR -> 0040000;
            case SYMLINK -> 0120000;
            case CHAR -> 0020000;
            case BLOCK -> 0060000;
            case FIFO -> 0010000;
            case SOCKET -> 0140000;
        };
    }
}
