package io.github.drydock.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes an output file whole or not at all: into a new temporary file beside it, then moved over the
 * name (atomically where the file system can), so a reader never sees half a file and a failure leaves
 * the old file (or nothing) behind. A symlink already at the name is replaced, never written through.
 */
final class ReportFiles {
    private static final String PARTIAL = ".partial";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReportFiles() {
    }

    /**
     * Writes a file.
     *
     * @param target  the file to write
     * @param content what to write; must not close the stream
     * @throws IOException when writing or moving fails (the temporary file is removed)
     */
    static void replace(Path target, OutputTarget.Content content) throws IOException {
        Path temp = temporary(target);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), 1 << 16)) {
                content.writeTo(out);
            }
            move(temp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * Moves a finished temporary file over its name.
     *
     * @param temp   the finished file
     * @param target its name
     * @throws IOException when it cannot be moved
     */
    static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * A new temporary file beside a target, for callers that write several files at once.
     *
     * @param target the final name
     * @return the temporary file
     * @throws IOException when it cannot be created
     */
    static Path temporary(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + PARTIAL);
            try {
                // CREATE_NEW: never an existing file or symlink; default permissions follow the umask,
                // as for any file the user writes (createTempFile would force 0600)
                Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }
}
