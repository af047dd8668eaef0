package io.github.drydock.layout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the small metadata files of a legacy root safely: only regular files (never a symlink, FIFO
 * or device, so nothing can block or leave the root), never more than a size limit, each failure
 * recorded as a problem naming the file.
 */
final class LegacySmallFiles {
    /** A Docker id: 64 lowercase hex characters (enforced by Docker from 1.3.3 on). */
    static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{64}");

    private LegacySmallFiles() {
    }

    /** @return true when {@code id} is 64 lowercase hex characters */
    static boolean isHexId(String id) {
        return id != null && HEX_ID.matcher(id).matches();
    }

    /**
     * Reads a file whole.
     *
     * @param context where problems go
     * @param file    the file
     * @param limit   the biggest size accepted
     * @param what    what the file is, for messages (e.g. {@code image JSON of 511136ea3c5a})
     * @return its bytes, or empty (with a problem) when it is missing, not a regular file, too big or unreadable
     */
    static Optional<byte[]> read(RootContext context, Path file, long limit, String what) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                context.problem(file, "cannot read " + what + ": " + file + " is not a regular file ("
                        + (attributes.isSymbolicLink() ? "a symlink, not followed" : "a folder or special file") + ")");
                return Optional.empty();
            }
            if (attributes.size() > limit) {
                context.problem(file, "cannot read " + what + ": " + file + " is " + attributes.size()
                        + " bytes, more than the " + limit + " accepted; hint: a real one is far smaller,"
                        + " the file is damaged");
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = in.readNBytes((int) limit + 1);
                if (bytes.length > limit) {
                    context.problem(file, "cannot read " + what + ": " + file + " grew beyond " + limit + " bytes");
                    return Optional.empty();
                }
                return Optional.of(bytes);
            }
        } catch (NoSuchFileException e) {
            context.problem(file, "cannot read " + what + ": " + file + " is missing");
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            context.problem(file, "cannot read " + what + ": " + file + ": " + e);
            return Optional.empty();
        }
    }

    /**
     * Reads a one-line text file and trims it.
     *
     * @return the trimmed text (maybe empty), or empty with a problem as for {@link #read}
     */
    static Optional<String> readText(RootContext context, Path file, long limit, String what) {
        return read(context, file, limit, what).map(b -> new String(b, StandardCharsets.UTF_8).trim());
    }

    /** @return true when {@code path} is a regular file, symlinks not followed */
    static boolean isRegularFile(Path path) {
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** @return true when {@code path} is a folder, symlinks not followed */
    static boolean isDirectory(Path path) {
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** @return the first 12 characters of an id, as Docker prints it */
    static String shortId(String id) {
        return id != null && id.length() > 12 ? id.substring(0, 12) : String.valueOf(id);
    }
}
