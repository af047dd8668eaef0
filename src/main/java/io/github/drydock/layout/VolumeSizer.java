package io.github.drydock.layout;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Sums the bytes of the regular files under a volume's data folder, as {@code du --apparent-size}
 * would: symlinks are never followed, FIFOs, sockets and devices are looked at (lstat) but never
 * opened, a hard-linked inode is counted once. {@link Files#walkFileTree} keeps its own stack, so a
 * hostile deep tree cannot overflow the Java stack; a tree with more than {@link #MAX_ENTRIES}
 * entries is not finished.
 */
final class VolumeSizer {
    /** Entries walked before giving up: a volume with more is reported with an unknown size. */
    static final long MAX_ENTRIES = 5_000_000L;
    private static final String NLINK = "unix:nlink";

    private VolumeSizer() {
    }

    /**
     * The outcome of a walk.
     *
     * @param bytes      the sum, or -1 when the walk was cut off
     * @param unreadable entries that could not be read (the sum is then a lower bound)
     * @param cutOff     true when {@link #MAX_ENTRIES} was reached
     */
    record Size(long bytes, long unreadable, boolean cutOff) {
    }

    /**
     * Walks a folder.
     *
     * @param folder the data folder (a real folder, not a symlink)
     * @return the size
     * @throws IOException when the walk cannot even start
     */
    static Size measure(Path folder) throws IOException {
        Walker walker = new Walker();
        Files.walkFileTree(folder, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, walker);
        return walker.cutOff ? new Size(-1, walker.unreadable, true) : new Size(walker.bytes, walker.unreadable, false);
    }

    private static final class Walker extends SimpleFileVisitor<Path> {
        private final Set<Object> seenLinkedInodes = new HashSet<>();
        private long bytes;
        private long entries;
        private long unreadable;
        private boolean cutOff;
        private boolean unixView = true;

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return count();
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && countOnce(file, attrs)) {
                bytes += attrs.size();
            }
            return count();
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            unreadable++;
            return count();
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null) {
                unreadable++;
            }
            return FileVisitResult.CONTINUE;
        }

        private FileVisitResult count() {
            if (++entries > MAX_ENTRIES) {
                cutOff = true;
                return FileVisitResult.TERMINATE;
            }
            return FileVisitResult.CONTINUE;
        }

        /**
         * Only inodes with more than one link need remembering (keeps memory flat on big trees);
         * the file key is (device, inode) on Unix.
         */
        private boolean countOnce(Path file, BasicFileAttributes attrs) {
            Object key = attrs.fileKey();
            if (key == null || attrs.size() == 0 || links(file) <= 1) {
                return true;
            }
            return seenLinkedInodes.add(key);
        }

        private int links(Path file) {
            if (!unixView) {
                return 2; // unknown: dedupe by file key to be safe
            }
            try {
                return ((Number) Files.getAttribute(file, NLINK, LinkOption.NOFOLLOW_LINKS)).intValue();
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                unixView = false;
                return 2;
            } catch (IOException | RuntimeException e) {
                return 2;
            }
        }
    }
}
