package io.github.drydock.testing;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts a {@code @TempDir} in {@code /dev/shm} when that is a writable folder: tests that lay out tens
 * of thousands of files spend most of their time creating and deleting them on a disk. Falls back to
 * the default temp folder elsewhere.
 * Use: {@code @TempDir(factory = TmpfsTempDirFactory.class)}.
 */
public final class TmpfsTempDirFactory implements TempDirFactory {
    private static final Path SHM = Path.of("/dev/shm");

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws Exception {
        if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
            return Files.createTempDirectory(SHM, "drydock-test-");
        }
        return Files.createTempDirectory("drydock-test-");
    }
}
