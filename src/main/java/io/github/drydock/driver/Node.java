package io.github.drydock.driver;

import io.github.drydock.model.FileType;

import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code lstat(2)} says about one node on disk, including the facts Java's portable API hides:
 * device numbers, inode, link count.
 *
 * @param type      the node type
 * @param mode      permission bits ({@code 07777} mask)
 * @param uid       owner user id
 * @param gid       owner group id
 * @param size      {@code st_size}
 * @param mtime     modification time
 * @param atime     access time, or null
 * @param ctime     status-change time, or null
 * @param devMajor  major number of {@code st_rdev} (devices), else 0
 * @param devMinor  minor number of {@code st_rdev} (devices), else 0
 * @param device    {@code st_dev}: the file system holding the node
 * @param inode     {@code st_ino}
 * @param linkCount {@code st_nlink}
 */
public record Node(FileType type, int mode, long uid, long gid, long size, Instant mtime, Instant atime,
                   Instant ctime, int devMajor, int devMinor, long device, long inode, int linkCount) {
    /** Validates the type and the modification time. */
    public Node {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mtime, "mtime");
        mode &= 07777;
    }

    /** @return true for a character device 0:0, the overlay driver's whiteout */
    public boolean isOverlayWhiteout() {
        return type == FileType.CHAR && devMajor == 0 && devMinor == 0;
    }

    /**
     * Builds a node from the attributes of OpenJDK's {@code unix} view
     * ({@code Files.readAttributes(path, "unix:*", NOFOLLOW_LINKS)}).
     *
     * @param attributes the attribute map
     * @return the node
     * @throws IllegalArgumentException when the mode names no known file type
     */
    public static Node fromUnixAttributes(Map<String, Object> attributes) {
        int stMode = (Integer) attributes.get("mode");
        FileType type = FileType.fromMode(stMode);
        if (type == null) {
            throw new IllegalArgumentException("unknown file type in mode " + Integer.toOctalString(stMode));
        }
        long rdev = (Long) attributes.get("rdev");
        boolean device = type == FileType.CHAR || type == FileType.BLOCK;
        return new Node(type, stMode, ((Integer) attributes.get("uid")) & 0xffffffffL,
                ((Integer) attributes.get("gid")) & 0xffffffffL, (Long) attributes.get("size"),
                instant(attributes.get("lastModifiedTime")), instant(attributes.get("lastAccessTime")),
                instant(attributes.get("ctime")), device ? major(rdev) : 0, device ? minor(rdev) : 0,
                (Long) attributes.get("dev"), (Long) attributes.get("ino"), (Integer) attributes.get("nlink"));
    }

    /** Linux (glibc) {@code major(3)} of a 64-bit {@code dev_t}. */
    static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & 0xfffff000L));
    }

    /** Linux (glibc) {@code minor(3)} of a 64-bit {@code dev_t}. */
    static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & 0xffffff00L));
    }

    private static Instant instant(Object time) {
        return time == null ? null : ((FileTime) time).toInstant();
    }
}
