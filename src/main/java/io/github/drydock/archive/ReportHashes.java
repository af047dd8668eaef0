package io.github.drydock.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;

/**
 * SHA-256 checksums in the format of GNU {@code sha256sum}, so {@code sha256sum -c} checks them later:
 * one line {@code <64 hex>  <name>} per file (two spaces: text mode, as {@code sha256sum} writes on Linux).
 * A name with a backslash or a line break is written as {@code sha256sum} does: the line starts with
 * {@code \}, and {@code \\}, {@code \n}, {@code \r} stand for those characters.
 *
 * <p>{@link #writeSidecar(Path)} writes {@code <file>.sha256} beside an output file, naming the file by
 * its base name, so the pair can be moved together and checked with {@code sha256sum -c FILE.sha256} from
 * the folder that holds both.
 */
public final class ReportHashes {
    /** The extension of a sidecar checksum file. */
    public static final String SIDECAR_SUFFIX = ".sha256";
    /** The name of the checksum file of a report folder. */
    public static final String SUMS = "SHA256SUMS";
    private static final int BUFFER = 1 << 16;

    private ReportHashes() {
    }

    /**
     * Hashes a file, streaming.
     *
     * @param file a regular file (a symlink is refused, not followed)
     * @return its SHA-256 as 64 lowercase hex digits
     * @throws IOException when it cannot be read or is no regular file
     */
    public static String sha256(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot hash " + file + ": not a regular file");
        }
        MessageDigest digest = Digests.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), digest)) {
            byte[] buffer = new byte[BUFFER];
            while (in.read(buffer) >= 0) {
                // the digest sees every byte read
            }
        }
        return Digests.hex(digest);
    }

    /**
     * One line as {@code sha256sum} writes it.
     *
     * @param hex  the digest
     * @param name the file name as it should be checked
     * @return the line, with its {@code \n}
     */
    public static String line(String hex, String name) {
        boolean escape = name.indexOf('\\') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0;
        if (!escape) {
            return hex + "  " + name + "\n";
        }
        String escaped = name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
        return "\\" + hex + "  " + escaped + "\n";
    }

    /**
     * Writes {@code <file>.sha256} beside a file, replacing an older one.
     *
     * @param file the output file to vouch for
     * @return the sidecar written
     * @throws IOException when the file cannot be hashed or the sidecar written
     */
    public static Path writeSidecar(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        String name = absolute.getFileName().toString();
        Path sidecar = absolute.resolveSibling(name + SIDECAR_SUFFIX);
        String text = line(sha256(absolute), name);
        ReportFiles.replace(sidecar, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        return sidecar;
    }

    /**
     * Writes {@value #SUMS} in a folder over the given files of that folder, in order.
     *
     * @param dir   the folder
     * @param names the files to list (base names inside {@code dir})
     * @return the file written
     * @throws IOException when a file cannot be hashed or the list written
     */
    public static Path writeSums(Path dir, List<String> names) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            text.append(line(sha256(dir.resolve(name)), name));
        }
        Path sums = dir.resolve(SUMS);
        ReportFiles.replace(sums, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
        return sums;
    }
}
