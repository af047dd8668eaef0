package io.github.drydock.layout;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.drydock.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Reads one small JSON metadata file of the root (a container config, a volume config) with the
 * guards evidence needs: no symlink followed, nothing but a regular file opened (never a FIFO or
 * device), and nothing over {@link #MAX_BYTES} read at all. Every failure becomes a problem naming
 * the object and the file; the caller goes on with the next item.
 */
final class MetadataFile {
    /** The largest metadata file read; Docker's own are a few KiB. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private MetadataFile() {
    }

    /**
     * Tells whether a file exists, without following a symlink.
     *
     * @param file the file
     * @return true when something (of any type) is there
     */
    static boolean present(Path file) {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Reads and parses a file; records a problem and returns empty on any failure.
     *
     * @param context the opened root, for problems
     * @param file    the file
     * @param type    the {@code *Json} record to bind to
     * @param what    the object it describes, for messages, e.g. {@code container config 3b03d0a1c2e4}
     * @param <T>     the record type
     * @return the parsed value, or empty (a problem was recorded)
     */
    static <T> Optional<T> read(RootContext context, Path file, Class<T> type, String what) {
        try {
            return Optional.of(readOrThrow(file, type));
        } catch (JsonProcessingException e) {
            context.problem(file, "cannot parse " + what + ": " + file + ": " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            context.problem(file, "cannot read " + what + ": " + file + ": " + describe(e));
        }
        return Optional.empty();
    }

    /**
     * Reads and parses a file.
     *
     * @param file the file
     * @param type the record to bind to
     * @param <T>  the record type
     * @return the value, never null
     * @throws IOException when the file is missing, not a regular file, too big, or not the expected JSON
     */
    static <T> T readOrThrow(Path file, Class<T> type) throws IOException {
        byte[] bytes = readBytes(file);
        T value = Json.MAPPER.readValue(bytes, type);
        if (value == null) {
            throw new IOException("holds JSON null instead of an object");
        }
        return value;
    }

    /**
     * Reads a small regular file whole.
     *
     * @param file the file
     * @return its bytes
     * @throws IOException when it is missing, a symlink, a special file or over {@link #MAX_BYTES}
     */
    static byte[] readBytes(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw new IOException("is a symlink: not followed");
        }
        if (!attributes.isRegularFile()) {
            throw new IOException("is not a regular file: not opened");
        }
        if (attributes.size() > MAX_BYTES) {
            throw new IOException("is " + attributes.size() + " bytes, over the " + (MAX_BYTES >> 20)
                    + " MiB limit for metadata: not read");
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException("grew over the " + (MAX_BYTES >> 20) + " MiB limit for metadata while read");
            }
            return bytes;
        }
    }

    /** A short reason for an I/O failure, without the stack. */
    static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
