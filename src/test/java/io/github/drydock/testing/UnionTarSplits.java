package io.github.drydock.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small tar-split files (gzip, one JSON entry per line) for views that read opaque markers. */
public final class UnionTarSplits {
    private UnionTarSplits() {
    }

    /** Writes the lines, each followed by a newline, gzip-compressed, the way tar-split stores them. */
    public static Path gzipLines(Path file, String... lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TestFiles.write(file, bytes.toByteArray());
    }

    /** A file entry (type 1) without content, as tar-split writes folders, empty files and markers. */
    public static String fileEntry(String name, long position) {
        return "{\"type\":1,\"name\":\"" + name + "\",\"payload\":null,\"position\":" + position + "}";
    }
}
