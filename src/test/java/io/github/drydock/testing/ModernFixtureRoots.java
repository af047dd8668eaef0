package io.github.drydock.testing;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Unpacks a captured Docker root ({@code testdata/<name>/root.tar.gz}) into a temp folder without
 * privileges: folders, files, symlinks and hard links are made; device nodes (overlay whiteouts,
 * {@code backingFsBlockDev}) and FIFOs are skipped, and modes, owners and xattrs are not applied.
 * Enough for metadata tests; tests of whiteouts need the privileged extraction the fixture README gives.
 */
public final class ModernFixtureRoots {
    private ModernFixtureRoots() {
    }

    /**
     * @param archive a {@code .tar.gz} of a Docker root
     * @param target  an empty folder
     * @return {@code target}
     * @throws IOException when the archive cannot be read or names a path outside {@code target}
     */
    public static Path extract(Path archive, Path target) throws IOException {
        try (InputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(archive))))) {
            TarArchiveInputStream tar = (TarArchiveInputStream) in;
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }
}
