package io.github.drydock.layout;

import io.github.drydock.model.DockerStorageException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Careful reads of the small files of {@code image/<driver>/}, and the digest and time rules they
 * follow. Evidence is opened only after {@code lstat} shows a regular file of an allowed size: a FIFO,
 * device, socket or symlink placed where Docker keeps a metadata file is reported, never opened.
 */
final class ModernEvidence {
    /** The largest small text file read ({@code diff}, {@code cache-id}, {@code lower}, …). */
    static final long MAX_TEXT_BYTES = 1024 * 1024;
    private static final HexFormat HEX = HexFormat.of();
    /** Go's zero time, written for "unset". */

    private ModernEvidence() {
    }

    /**
     * Reads a small regular file whole.
     *
     * @param file the file
     * @param max  the largest size read
     * @return its bytes
     * @throws java.nio.file.NoSuchFileException when it does not exist
     * @throws DockerStorageException when it is no regular file or too big (then it was not opened)
     * @throws IOException when it cannot be read
     */
    static byte[] readSmall(Path file, long max) throws IOException {
        long size = regularFile(file, max);
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes((int) size);
        }
    }

    /**
     * Reads a small text file and strips surrounding white space (Docker trims when it reads them).
     *
     * @param file the file
     * @return its text
     * @throws IOException as {@link #readSmall}
     */
    static String readText(Path file) throws IOException {
        return new String(readSmall(file, MAX_TEXT_BYTES), java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    /**
     * Reads a file whole while hashing it, in one pass.
     *
     * @param file   the file
     * @param max    the largest size read
     * @param sha256 receives every byte read
     * @return its bytes
     * @throws IOException as {@link #readSmall}
     */
    static byte[] readHashing(Path file, long max, MessageDigest sha256) throws IOException {
        long size = regularFile(file, max);
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), sha256)) {
            return in.readNBytes((int) size);
        }
    }

    /**
     * Checks, without opening it, that a file is a regular file no bigger than {@code max}. Reads then
     * take exactly the size seen here: a file that grows meanwhile is read only that far.
     */
    private static long regularFile(Path file, long max) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            String kind = attributes.isSymbolicLink() ? "a symlink" : attributes.isDirectory() ? "a folder"
                    : "a special file (FIFO, socket or device)";
            throw new DockerStorageException("is " + kind + ", not a regular file: not opened", file);
        }
        if (attributes.size() > max) {
            throw new DockerStorageException("is " + attributes.size() + " bytes, more than the " + max
                    + " allowed: not read", file);
        }
        return attributes.size();
    }

    /**
     * @param text a digest as Docker writes it
     * @return its 64-hex part when it is {@code sha256:<64 lowercase hex>}
     */
    static Optional<String> sha256Hex(String text) {
        if (text == null || !text.startsWith(ModernFiles.SHA256_PREFIX)) {
            return Optional.empty();
        }
        String hex = text.substring(ModernFiles.SHA256_PREFIX.length());
        return isHex64(hex) ? Optional.of(hex) : Optional.empty();
    }

    /** @return true for 64 lowercase hex characters (an id, digest or chain id) */
    static boolean isHex64(String text) {
        if (text == null || text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** @return a fresh SHA-256 digest */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** @return the lowercase hex of the digest computed so far */
    static String hex(MessageDigest digest) {
        return HEX.formatHex(digest.digest());
    }

    /**
     * The chain id of a layer (image-spec {@code config.md} "Layer ChainID"):
     * {@code sha256(ChainID(parent) + " " + DiffID)} over the {@code sha256:<hex>} strings.
     *
     * @param parentChainHex the parent layer's chain id hex, or null for a base layer
     * @param diffHex        the layer's diff id hex
     * @return the chain id hex
     */
    static String chainId(String parentChainHex, String diffHex) {
        if (parentChainHex == null) {
            return diffHex;
        }
        MessageDigest digest = sha256();
        String text = ModernFiles.SHA256_PREFIX + parentChainHex + " " + ModernFiles.SHA256_PREFIX + diffHex;
        digest.update(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return hex(digest);
    }

    /**
     * Parses a Go RFC 3339 time ({@code 2026-12-04T19:20:57.898888443Z}, offsets allowed).
     *
     * @param text the text, or null
     * @return the instant; empty for null, blank or Go's zero time (which means "unset")
     * @throws DateTimeParseException when the text is no RFC 3339 time
     */
    static Optional<Instant> time(String text) {
        return DockerTime.parse(text);
    }

    /** @return the first line of an exception's message, for a problem text */
    static String reason(Exception e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "missing";
        }
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** @return the first 12 characters of an id, as Docker prints it */
    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
