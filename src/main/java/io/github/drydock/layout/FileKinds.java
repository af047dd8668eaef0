package io.github.drydock.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each path of the root is ({@code lstat}, a symlink never followed), asked once per path while
 * a layer store is read. Checking a driver folder, the folders above it and the overlay2 short link
 * that names it asked the same question about the same {@code <id>/diff} folder up to three times: on
 * a root of 10,000 layers, tens of thousands of system calls. The root is evidence at rest, so an
 * answer does not go stale while it is read. Safe for several threads; forgotten with the reader.
 */
final class FileKinds {
    /** What a path is, as far as the readers care. */
    enum Kind {
        /** Nothing there (or it cannot be looked at). */
        MISSING,
        /** A real folder. */
        DIRECTORY,
        /** A symbolic link, not followed. */
        SYMLINK,
        /** A regular file. */
        REGULAR,
        /** A FIFO, socket or device node. */
        OTHER
    }

    private final ConcurrentHashMap<Path, Kind> kinds = new ConcurrentHashMap<>();

    /**
     * @param path a path under the root
     * @return what it is
     */
    Kind of(Path path) {
        Kind known = kinds.get(path);
        if (known == null) {
            known = lstat(path);
            kinds.put(path, known);
        }
        return known;
    }

    /**
     * @param path a path under the root
     * @return true when it is a symbolic link
     */
    boolean isSymbolicLink(Path path) {
        return of(path) == Kind.SYMLINK;
    }

    /**
     * @param path a path under the root
     * @return true when it is a real folder, not a symlink to one
     */
    boolean isDirectory(Path path) {
        return of(path) == Kind.DIRECTORY;
    }

    private static Kind lstat(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isDirectory() ? Kind.DIRECTORY : a.isSymbolicLink() ? Kind.SYMLINK
                    : a.isRegularFile() ? Kind.REGULAR : Kind.OTHER;
        } catch (IOException | RuntimeException e) {
            return Kind.MISSING;
        }
    }
}
