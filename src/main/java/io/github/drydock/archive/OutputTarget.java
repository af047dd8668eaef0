package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Checks where output may go before anything is written: never inside the evidence (the Docker root or
 * the mounted disk it was opened from), judged both by the path as given and by the real path (a
 * symlink or {@code ..} must not smuggle output into the evidence).
 */
public final class OutputTarget {
    private OutputTarget() {
    }

    /** Something that writes a file's bytes into a stream it must not close. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the file's stream
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes a file whole or not at all: into a temporary file beside it, then moved over the name, so
     * a failure never leaves half a file under the name (a symlink at the name is replaced, not followed).
     *
     * @param target  the file
     * @param content what to write
     * @throws IOException when writing fails
     */
    public static void write(Path target, Content content) throws IOException {
        ReportFiles.replace(target, content);
    }

    /**
     * Refuses a target inside any protected folder.
     *
     * @param target    the file or folder to write (need not exist)
     * @param protect   folders that must stay untouched
     * @throws DockerStorageException when the target is inside one of them
     */
    public static void outsideEvidence(Path target, List<Path> protect) throws DockerStorageException {
        Path lexical = target.toAbsolutePath().normalize();
        // the kernel resolves "link/.." through the link: judge the path as given, not only as normalised
        Path real = realPath(target.toAbsolutePath());
        for (Path folder : protect) {
            Path base = folder.toAbsolutePath().normalize();
            Path realBase = realPath(base);
            if (lexical.startsWith(base) || real.startsWith(realBase) || lexical.startsWith(realBase)
                    || real.startsWith(base)) {
                throw new DockerStorageException("refusing to write " + target + ": it is inside the evidence "
                        + folder + ", which is never modified; choose a folder outside it", target);
            }
        }
    }

    /**
     * Makes sure a folder can take a report: creates it when missing, refuses a file or, without
     * {@code force}, a folder that already holds something.
     *
     * @param dir   the folder
     * @param force true to write into a non-empty folder (same-named files are replaced)
     * @throws DockerStorageException when it cannot be used
     */
    public static void emptyFolder(Path dir, boolean force) throws DockerStorageException {
        try {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
                throw new DockerStorageException("cannot write a report into " + dir + ": it is not a folder", dir);
            }
            if (Files.isDirectory(dir)) {
                if (!force && !isEmpty(dir)) {
                    throw new DockerStorageException("cannot write a report into " + dir + ": the folder is not empty"
                            + " (use --force to write into it anyway)", dir);
                }
                return;
            }
            Files.createDirectories(dir);
        } catch (DockerStorageException e) {
            throw e;
        } catch (IOException e) {
            throw new DockerStorageException("cannot create report folder " + dir + ": " + e.getMessage(), dir, e);
        }
    }

    /**
     * Refuses an existing file unless {@code force}.
     *
     * @param file  the output file
     * @param force true to replace it
     * @throws DockerStorageException when it exists and may not be replaced, or is a folder
     */
    public static void newFile(Path file, boolean force) throws DockerStorageException {
        if (Files.isDirectory(file)) {
            throw new DockerStorageException("cannot write " + file + ": it is a folder", file);
        }
        if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new DockerStorageException("cannot write " + file + ": it exists (use --force to replace it)", file);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    /** The real path of the deepest existing ancestor, with the rest appended: what the kernel would write to. */
    private static Path realPath(Path path) {
        Path found = path;
        while (found != null && !Files.exists(found)) {
            found = found.getParent();
        }
        if (found == null) {
            return path;
        }
        Path existing = found;
        Optional<Path> real = realOf(existing);
        return real.map(r -> r.resolve(existing.relativize(path).toString()).normalize()).orElse(path);
    }

    private static Optional<Path> realOf(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
