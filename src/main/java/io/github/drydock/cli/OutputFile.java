package io.github.drydock.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes an output file so that its final name only ever holds a complete file: the bytes go to a
 * hidden temporary file next to it ({@code .NAME.<random>.drydock-part}), which is synced and renamed
 * over the final name when complete. On failure, or when the process is interrupted (Ctrl-C runs the
 * shutdown hook), the temporary file is deleted and the final name is untouched. The file is created
 * readable by its owner only: an export may hold a container's secrets.
 */
final class OutputFile {
    private static final int BUFFER = 1 << 20;
    private static final String PART_SUFFIX = ".drydock-part";

    /** What writes the content; it must not close the stream. */
    interface Content<T> {
        T writeTo(OutputStream out) throws IOException;
    }

    private OutputFile() {
    }

    /**
     * Writes a file.
     *
     * @param file    the final name
     * @param force   replace an existing file (never a folder); a symlink there is replaced itself, never
     *                written through
     * @param content what to write
     * @param <T>     what the content writer returns
     * @return what the content writer returned
     * @throws CliException when the file exists without {@code force}, or its folder does not exist
     * @throws IOException  when writing fails (the final name is then untouched)
     */
    static <T> T write(Path file, boolean force, Content<T> content) throws CliException, IOException {
        Path target = file.toAbsolutePath();
        Path parent = target.getParent();
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new CliException("cannot write " + file + ": it is a folder");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !force) {
            throw new CliException("cannot write " + file + ": it already exists; use --force to replace it");
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new CliException("cannot write " + file + ": its folder does not exist");
        }
        Path temp = Files.createTempFile(parent, "." + target.getFileName() + ".", PART_SUFFIX);
        Thread cleanup = new Thread(() -> deleteQuietly(temp), "drydock-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            T result;
            // a new file of ours, not appended to: an export may fill its big files' room beside the rest
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                 OutputStream out = new ChannelOutputStream(channel, BUFFER, () -> true,
                         () -> FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))) {
                result = content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return result;
        } finally {
            deleteQuietly(temp);
            removeHook(cleanup);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // nothing more can be done; the name shows it is a partial file
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs and finds nothing to delete
        }
    }
}
