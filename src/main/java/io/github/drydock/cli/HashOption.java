package io.github.drydock.cli;

import io.github.drydock.archive.ReportHashes;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The {@code --hash} option shared by every command that writes a copy ({@code export}, {@code volume export},
 * {@code save}, {@code commit}, {@code cp}): a {@code sha256sum}-format sidecar so that the copy's integrity can
 * be shown later with {@code sha256sum -c}. For a file it is {@code FILE.sha256} beside it; for a folder it is
 * {@code FOLDER.sha256} beside it, listing every regular file below the folder (symlinks are not followed)
 * by its path relative to the folder's parent.
 */
final class HashOption {
    @Option(names = "--hash", description = "Also write a sha256sum sidecar beside the output: FILE.sha256, or"
            + " FOLDER.sha256 listing every file in a folder (check later with sha256sum -c).")
    private boolean hash;

    /** @return true when {@code --hash} was given */
    boolean wanted() {
        return hash;
    }

    /**
     * Writes the sidecar for what a command wrote, when {@code --hash} was given.
     *
     * @param output the file or folder written
     * @return the sidecar, or null when {@code --hash} was not given
     * @throws IOException when the output cannot be hashed or the sidecar written
     */
    Path write(Path output) throws IOException {
        if (!hash) {
            return null;
        }
        if (!Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS)) {
            return ReportHashes.writeSidecar(output);
        }
        Path folder = output.toAbsolutePath();
        Path sidecar = folder.resolveSibling(folder.getFileName() + ReportHashes.SIDECAR_SUFFIX);
        Path temp = Files.createTempFile(folder.getParent(), ".drydock-", ".sha256.tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        String name = folder.getParent().relativize(file).toString();
                        out.write(ReportHashes.line(ReportHashes.sha256(file), name).getBytes(StandardCharsets.UTF_8));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, sidecar, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return sidecar;
    }
}
