package io.github.drydock.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything observable about a folder tree except access times: for every entry (symlinks never
 * followed) its type, size, modification and status-change times, mode, the sha256 of a regular file's
 * bytes and a symlink's target. Two snapshots are equal when nothing was created, deleted, written,
 * renamed, re-timed or re-permissioned. Device nodes and FIFOs are never opened.
 *
 * @param entries relative path ({@code ""} for the top) → its facts, sorted by path
 */
record TreeSnapshot(Map<String, Entry> entries) {
    /** Copies the map, keeping it sorted. */
    TreeSnapshot {
        entries = new TreeMap<>(entries);
    }

    /**
     * One entry.
     *
     * @param type   {@code dir}, {@code file}, {@code symlink} or {@code other}
     * @param size   bytes
     * @param mtime  modification time (nanoseconds where the file system has them)
     * @param ctime  status-change time, or null where the platform does not tell
     * @param mode   unix mode bits, or null where the platform does not tell
     * @param sha256 the content digest of a regular file, else null
     * @param target a symlink's target, else null
     */
    record Entry(String type, long size, String mtime, String ctime, Integer mode, String sha256, String target) {
    }

    /** Takes a snapshot of everything under {@code top}, {@code top} included. */
    static TreeSnapshot of(Path top) {
        Map<String, Entry> entries = new TreeMap<>();
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    entries.put(top.relativize(dir).toString(), entry(dir, attrs));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    entries.put(top.relativize(file).toString(), entry(file, attrs));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot snapshot " + top, e);
        }
        return new TreeSnapshot(entries);
    }

    /** @return one line per path that differs between the two snapshots (empty when equal) */
    List<String> differencesTo(TreeSnapshot after) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(entries.keySet());
        paths.addAll(after.entries.keySet());
        for (String path : paths) {
            Entry was = entries.get(path);
            Entry now = after.entries.get(path);
            if (!Objects.equals(was, now)) {
                differences.add((was == null ? "created " : now == null ? "deleted " : "changed ") + "'" + path + "': "
                        + was + " -> " + now);
            }
        }
        return differences;
    }

    private static Entry entry(Path path, BasicFileAttributes attrs) throws IOException {
        String type = attrs.isSymbolicLink() ? "symlink" : attrs.isDirectory() ? "dir"
                : attrs.isRegularFile() ? "file" : "other";
        String mtime = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toString();
        String ctime = String.valueOf(unix(path, "ctime"));
        Object mode = unix(path, "mode");
        String sha256 = type.equals("file") ? sha256(path) : null;
        String target = type.equals("symlink") ? Files.readSymbolicLink(path).toString() : null;
        return new Entry(type, attrs.size(), mtime, ctime, mode instanceof Integer m ? m : null, sha256, target);
    }

    private static Object unix(Path path, String attribute) {
        try {
            return Files.getAttribute(path, "unix:" + attribute, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
