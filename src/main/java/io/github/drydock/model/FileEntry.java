package io.github.drydock.model;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One node of a merged (union) view of layers: what {@code ls -l} inside the container would show,
 * plus where on the opened disk the node really lives.
 *
 * @param path       absolute path inside the view, {@code /}-separated ({@code /} for the root)
 * @param type       the node type
 * @param mode       permission bits including set-uid, set-gid and sticky ({@code 07777} mask)
 * @param uid        owner user id as stored on disk
 * @param gid        owner group id as stored on disk
 * @param size       size in bytes (regular files; for symlinks the target length; 0 for devices)
 * @param mtime      modification time
 * @param atime      access time, or null when unknown
 * @param ctime      status-change time, or null when unknown
 * @param linkTarget for a symlink, its target exactly as stored (never resolved on the host); else null
 * @param devMajor   major device number of a character or block device, else 0
 * @param devMinor   minor device number of a character or block device, else 0
 * @param xattrs     extended attributes read from the node ({@code security.selinux} and the overlay
 *                   driver's own {@code *.overlay.*} bookkeeping dropped); values are raw bytes, do not modify
 * @param layerId    the id of the layer the node comes from (chain id, legacy layer id, mount id or init id)
 * @param source     the node's file on the opened disk
 * @param device     {@code st_dev} of the source file (for hard-link detection)
 * @param inode      {@code st_ino} of the source file (for hard-link detection)
 * @param linkCount  {@code st_nlink} of the source file
 */
public record FileEntry(String path, FileType type, int mode, long uid, long gid, long size, Instant mtime,
                        Instant atime, Instant ctime, String linkTarget, int devMajor, int devMinor,
                        Map<String, byte[]> xattrs, String layerId, Path source, long device, long inode,
                        int linkCount) {
    /** Validates the path and type, and copies the attribute map (sorted by name). */
    public FileEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("view path must be absolute: " + path);
        }
        if (type == FileType.SYMLINK) {
            Objects.requireNonNull(linkTarget, "linkTarget of a symlink");
        }
        mode &= 07777;
        xattrs = xattrs == null || xattrs.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(xattrs));
    }

    /** @return the last path segment ({@code ""} for the root) */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** @return true for the view's root folder */
    public boolean isRoot() {
        return path.equals("/");
    }

    /** @return true for a directory */
    public boolean isDirectory() {
        return type == FileType.DIR;
    }

    /**
     * The mode as {@code ls -l} prints it, e.g. {@code drwxr-xr-x}, {@code -rwsr-xr-x}, {@code drwxrwxrwt},
     * {@code crw-rw-rw-}.
     *
     * @return ten characters
     */
    public String modeString() {
        char kind = switch (type) {
            case FILE -> '-';
            case DIR -> 'd';
            case SYMLINK -> 'l';
            case CHAR -> 'c';
            case BLOCK -> 'b';
            case FIFO -> 'p';
            case SOCKET -> 's';
        };
        StringBuilder out = new StringBuilder().append(kind);
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            out.append((mode & (0400 >> i)) != 0 ? letters.charAt(i) : '-');
        }
        special(out, 3, 04000, 's');
        special(out, 6, 02000, 's');
        special(out, 9, 01000, 't');
        return out.toString();
    }

    private void special(StringBuilder out, int index, int bit, char letter) {
        if ((mode & bit) != 0) {
            out.setCharAt(index, out.charAt(index) == 'x' ? letter : Character.toUpperCase(letter));
        }
    }

    /** @return {@link #mode()} with the type bits of {@link #type()}, as in {@code st_mode} */
    public int fullMode() {
        return type.modeBits() | mode;
    }

    /**
     * Identifies the inode behind a regular file with more than one link, within the layer it comes from.
     * Two entries with equal keys are hard links to each other. Inodes shared ACROSS layers (overlay v1
     * image roots link unchanged files to their parent's) never give equal keys, since the layer is part
     * of the key.
     *
     * @return the key, or empty for anything but a multiply-linked regular file
     */
    public Optional<String> hardLinkKey() {
        if (type != FileType.FILE || linkCount < 2) {
            return Optional.empty();
        }
        return Optional.of(layerId + "@" + device + ":" + inode);
    }

    /** Equal when every component is; attribute values are compared by content, not identity. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof FileEntry o)) {
            return false;
        }
        return path.equals(o.path) && type == o.type && mode == o.mode && uid == o.uid && gid == o.gid
                && size == o.size && Objects.equals(mtime, o.mtime) && Objects.equals(atime, o.atime)
                && Objects.equals(ctime, o.ctime) && Objects.equals(linkTarget, o.linkTarget)
                && devMajor == o.devMajor && devMinor == o.devMinor && sameAttributes(xattrs, o.xattrs)
                && Objects.equals(layerId, o.layerId) && Objects.equals(source, o.source) && device == o.device
                && inode == o.inode && linkCount == o.linkCount;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, type, mode, uid, gid, size, mtime, linkTarget, layerId, source, inode);
    }

    private static boolean sameAttributes(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return type + " " + path + (linkTarget != null ? " -> " + linkTarget : "") + " (layer " + layerId + ")";
    }
}
