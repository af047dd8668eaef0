package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes images as an archive that real tools load: {@code docker save}'s layout of Docker 1.10–24
 * ({@link SaveFormat#DOCKER}) or of Docker 25+ (an OCI image layout, {@link SaveFormat#OCI}), as a tar
 * stream, a tar file or a folder.
 *
 * <p>Byte-exact where Docker was: every config is written verbatim (so image ids are kept) and every layer
 * tar is rebuilt byte for byte from its tar-split ({@link TarSplitAssembler}), so diff ids are kept; v1 ids,
 * v1 {@code json} files and tar headers are made as Docker makes them. Several images share their common
 * layers once. A layer that cannot be rebuilt exactly makes the save fail (strict), or, with a
 * {@link LayerFallback} in the options, is written from the fallback: its diff id and the image's id then
 * change, and {@link SaveResult#warnings()} says so.
 *
 * <p>With a fallback, a stream target gets every layer checked (rebuilt into a null sink) before it is
 * written; a file or folder target is first written strictly and made again the careful way only if a
 * layer turns out inexact, so the usual save reads each layer once.
 *
 * <p>Memory stays flat: layers stream from disk through a few 1 MiB buffers. Files and folders appear under
 * their final name only when complete (written under a temp name in the same folder, then renamed); on
 * failure the temp output is deleted.
 */
public final class SaveWriter {
    private static final String TEMP_SUFFIX = ".tmp";

    private SaveWriter() {
    }

    /**
     * Writes an archive as a tar into a stream, which is flushed, not closed. On failure the stream holds a
     * partial archive: discard it.
     *
     * @param images  the images, in archive order (an image given twice is written once, with all its tags)
     * @param options format and fallback
     * @param out     where the tar goes
     * @return what was written
     * @throws LayerTarException      when a layer cannot be rebuilt exactly and there is no fallback
     * @throws DockerStorageException when an image or layer cannot be read
     * @throws IOException            when {@code out} fails
     */
    public static SaveResult write(List<SaveImage> images, SaveOptions options, OutputStream out) throws IOException {
        return write(images, options, new SaveTarWriter(out), spoolDir(options, null));
    }

    /**
     * Writes an archive as a tar file, replacing an existing file only once the new one is complete.
     *
     * @param images  the images, in archive order
     * @param options format and fallback
     * @param file    the tar file to write
     * @return what was written
     * @throws IOException as {@link #write(List, SaveOptions, OutputStream)}; nothing is left behind
     */
    public static SaveResult write(List<SaveImage> images, SaveOptions options, Path file) throws IOException {
        Optional<SaveResult> exact = exactFirst(options, strict -> writeFile(images, strict, file));
        return exact.isPresent() ? exact.get() : writeFile(images, options, file);
    }

    private static SaveResult writeFile(List<SaveImage> images, SaveOptions options, Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Path folder = target.getParent();
        Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", TEMP_SUFFIX);
        boolean complete = false;
        try {
            SaveResult result;
            try (OutputStream out = Files.newOutputStream(temp)) {
                result = write(images, options, new SaveTarWriter(out), spoolDir(options, folder));
            }
            makeReadable(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            complete = true;
            return result;
        } finally {
            if (!complete) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * With a fallback, every layer must be known to rebuild exactly before its bytes are written, and
     * checking first costs a whole rebuild per layer. A file or folder target can be taken back, so it is
     * first written strictly, each layer checked while it streams: almost always every layer is exact and
     * the archive is done in one pass. Only when that fails for a layer (or any other reason the strict
     * save refuses) is the temp output dropped and the save made again the careful way, with the same
     * result as if it had been made that way from the start.
     */
    private static Optional<SaveResult> exactFirst(SaveOptions options, StrictWrite write) throws IOException {
        if (options.fallback() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(write.to(new SaveOptions(options.format(), null, options.spoolDir())));
        } catch (DockerStorageException e) {
            return Optional.empty(); // the careful save decides: fallback, or the same failure again
        }
    }

    /** A save into a target that is replaced only when complete. */
    @FunctionalInterface
    private interface StrictWrite {
        SaveResult to(SaveOptions options) throws IOException;
    }

    /**
     * Writes an archive as a folder (for {@link SaveFormat#OCI}: an OCI image layout folder that
     * {@code skopeo copy oci:<folder>:<tag>} and {@code umoci} read). The folder must not exist, or be empty.
     *
     * @param images  the images, in archive order
     * @param options format and fallback
     * @param folder  the folder to create
     * @return what was written
     * @throws IOException as {@link #write(List, SaveOptions, OutputStream)}; nothing is left behind
     */
    public static SaveResult writeFolder(List<SaveImage> images, SaveOptions options, Path folder) throws IOException {
        Optional<SaveResult> exact = exactFirst(options, strict -> writeNewFolder(images, strict, folder));
        return exact.isPresent() ? exact.get() : writeNewFolder(images, options, folder);
    }

    private static SaveResult writeNewFolder(List<SaveImage> images, SaveOptions options, Path folder) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        if (Files.exists(target) && !isEmptyFolder(target)) {
            throw new DockerStorageException("cannot write an archive folder at " + target + ": it exists and is not empty", target);
        }
        Path parent = target.getParent();
        Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
        boolean complete = false;
        try {
            SaveResult result = write(images, options, new SaveFolderWriter(temp), spoolDir(options, parent));
            Files.deleteIfExists(target);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            complete = true;
            return result;
        } finally {
            if (!complete) {
                deleteTree(temp);
            }
        }
    }

    private static SaveResult write(List<SaveImage> images, SaveOptions options, SaveSink sink, Path spoolDir)
            throws IOException {
        SavePlan plan = SavePlan.create(images, options, spoolDir);
        try {
            List<SaveEntry> entries = options.format() == SaveFormat.DOCKER ? SaveDockerLayout.entries(plan)
                    : OciLayout.entries(plan);
            for (SaveEntry entry : entries) {
                sink.write(entry);
            }
            sink.finish();
            return plan.result(options.format(), sink.bytes());
        } finally {
            plan.deleteSpooled();
        }
    }

    private static Path spoolDir(SaveOptions options, Path outputFolder) {
        if (options.spoolDir() != null) {
            return options.spoolDir();
        }
        return outputFolder != null ? outputFolder : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static boolean isEmptyFolder(Path path) throws IOException {
        if (!Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
            return !children.iterator().hasNext();
        }
    }

    /** Temp files are created private (0600); an archive is as readable as {@code docker save -o} makes it. */
    private static void makeReadable(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException | UnsupportedOperationException ignored) {
            // not a POSIX file system: keep what it gave
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // best effort: the temp folder has a dot name and can be removed by hand
        }
    }
}
