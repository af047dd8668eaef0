package io.github.drydock.archive;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of a timeline: the fields of a Sleuth Kit bodyfile 3.x line
 * ({@code MD5|name|inode|mode_as_string|UID|GID|size|atime|mtime|ctime|crtime}). The MD5 is never
 * computed (written as {@code 0}, as {@code fls -m} does).
 *
 * @param name  where the entry lives and its path inside, e.g. {@code container:/c-run:/data/x},
 *              or a Docker event ({@code [docker] container started /c-run})
 * @param inode {@code st_ino}, 0 for an event
 * @param mode  the mode as {@code ls -l} prints it ({@code -rw-r--r--}, {@code drwxr-xr-x}, {@code lrwxrwxrwx});
 *              {@value #EVENT_MODE} for an event
 * @param uid   owner user id
 * @param gid   owner group id
 * @param size  {@code st_size}, 0 for an event
 * @param atime access time, or null when unknown
 * @param mtime modification time, or null when unknown
 * @param ctime status-change time, or null when unknown
 * @param crtime birth time, or null when unknown (always for files: Java 17 cannot read Linux birth times)
 */
public record TimelineRow(String name, long inode, String mode, long uid, long gid, long size, Instant atime,
                          Instant mtime, Instant ctime, Instant crtime) {
    /** The mode string of a row that is an event, not a file. */
    public static final String EVENT_MODE = "----------";

    /** Validates the name and mode. */
    public TimelineRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
    }
}
