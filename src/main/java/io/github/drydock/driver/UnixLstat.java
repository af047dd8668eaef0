package io.github.drydock.driver;

import io.github.drydock.model.FileType;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * {@code lstat} into a {@link Node} without the attribute map of OpenJDK's {@code unix} view. That view
 * parses the names asked for, boxes every number into a map and makes a {@code FileTime} per time, for
 * every node: in an export of 50,000 files that was a third of what the walk allocated. OpenJDK's own
 * {@code PosixFileAttributes} object already holds every {@code stat} field (mode, inode, device, link
 * count, numeric owners, times in nanoseconds); Java only hides them. When the JVM lets drydock look
 * ({@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED}, or {@code Add-Opens} in the CLI jar's manifest),
 * they are read from that object. Otherwise, or on a JDK whose internals differ, {@link #lstat} returns
 * null and the caller asks the {@code unix} view as before: the same facts, only slower.
 */
final class UnixLstat {
    private static final Fields FIELDS = Fields.find();
    /** Seconds whose nanoseconds fit a long: within them OpenJDK's times are exact. */
    private static final long SAFE_SECONDS = 9_000_000_000L;

    /** The private fields of {@code sun.nio.fs.UnixFileAttributes} (the same names from JDK 7 to 25). */
    private record Fields(Class<?> type, VarHandle mode, VarHandle ino, VarHandle dev, VarHandle rdev,
                          VarHandle nlink, VarHandle uid, VarHandle gid, VarHandle size, VarHandle mtimeSec,
                          VarHandle mtimeNsec, VarHandle atimeSec, VarHandle atimeNsec, VarHandle ctimeSec,
                          VarHandle ctimeNsec) {
        static Fields find() {
            try {
                Class<?> type = Class.forName("sun.nio.fs.UnixFileAttributes");
                MethodHandles.Lookup l = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                return new Fields(type, l.findVarHandle(type, "st_mode", int.class),
                        l.findVarHandle(type, "st_ino", long.class), l.findVarHandle(type, "st_dev", long.class),
                        l.findVarHandle(type, "st_rdev", long.class), l.findVarHandle(type, "st_nlink", int.class),
                        l.findVarHandle(type, "st_uid", int.class), l.findVarHandle(type, "st_gid", int.class),
                        l.findVarHandle(type, "st_size", long.class),
                        l.findVarHandle(type, "st_mtime_sec", long.class),
                        l.findVarHandle(type, "st_mtime_nsec", long.class),
                        l.findVarHandle(type, "st_atime_sec", long.class),
                        l.findVarHandle(type, "st_atime_nsec", long.class),
                        l.findVarHandle(type, "st_ctime_sec", long.class),
                        l.findVarHandle(type, "st_ctime_nsec", long.class));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null; // not opened to us (the usual case for a library), or another JDK's internals
            }
        }
    }

    private UnixLstat() {
    }

    /** @return true when {@link #lstat} can read the fields (the JVM opened {@code sun.nio.fs} to drydock) */
    static boolean available() {
        return FIELDS != null;
    }

    /**
     * @param path a node
     * @return its facts, or null when they cannot be read this way (the caller uses the {@code unix} view)
     * @throws IOException when {@code lstat} fails
     * @throws IllegalArgumentException when the mode names no known file type
     */
    static Node lstat(Path path) throws IOException {
        Fields f = FIELDS;
        if (f == null) {
            return null;
        }
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return null;
        }
        if (a.getClass() != f.type()) {
            return null;
        }
        int stMode = (int) f.mode().get(a);
        FileType type = FileType.fromMode(stMode);
        if (type == null) {
            throw new IllegalArgumentException("unknown file type in mode " + Integer.toOctalString(stMode));
        }
        long rdev = (long) f.rdev().get(a);
        boolean device = type == FileType.CHAR || type == FileType.BLOCK;
        return new Node(type, stMode, ((int) f.uid().get(a)) & 0xffffffffL, ((int) f.gid().get(a)) & 0xffffffffL,
                (long) f.size().get(a), instant((long) f.mtimeSec().get(a), (long) f.mtimeNsec().get(a)),
                instant((long) f.atimeSec().get(a), (long) f.atimeNsec().get(a)),
                instant((long) f.ctimeSec().get(a), (long) f.ctimeNsec().get(a)),
                device ? Node.major(rdev) : 0, device ? Node.minor(rdev) : 0, (long) f.dev().get(a),
                (long) f.ino().get(a), (int) f.nlink().get(a));
    }

    /** What the {@code unix} view would give: its {@code FileTime} rules, without making one for every time. */
    static Instant instant(long seconds, long nanos) {
        if (Math.abs(seconds) < SAFE_SECONDS) {
            return Instant.ofEpochSecond(seconds, nanos);
        }
        // far from 1970 (a hostile or damaged inode): exactly OpenJDK's conversion, clamping included
        if (nanos == 0) {
            return FileTime.from(seconds, TimeUnit.SECONDS).toInstant();
        }
        try {
            return FileTime.from(Math.addExact(nanos, Math.multiplyExact(seconds, 1_000_000_000L)),
                    TimeUnit.NANOSECONDS).toInstant();
        } catch (ArithmeticException e) {
            return FileTime.from(seconds * 1_000_000L + nanos / 1_000L, TimeUnit.MICROSECONDS).toInstant();
        }
    }
}
