package io.github.drydock.archive;

import com.fasterxml.jackson.databind.MappingIterator;
import io.github.drydock.json.Json;
import io.github.drydock.json.TarSplitEntryJson;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileNames;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Streams the entries of a tar-split file ({@code tar-split.json.gz}, legacy {@code tar-data.json.gz}):
 * gzip, then one JSON object per line (vbatts/tar-split {@code tar/storage/packer.go}), read one entry
 * at a time, never the whole file. Lines in the form tar-split writes are read by
 * {@link TarSplitLineParser}; any other line goes to the general JSON reader, so the result is the same.
 * Unlike a stream of JSON values, an object must fit on one line (tar-split never writes otherwise).
 *
 * <p>The file is evidence and may be hostile: every entry is validated (type, position in sequence,
 * sizes, CRC length, no NUL in names) and a line may not exceed {@link #MAX_LINE_BYTES}, so memory
 * stays bounded. Anything wrong throws a {@link DockerStorageException} naming the file and the entry.
 * Names are not resolved here; {@link TarSplitFiles} does that safely. Not thread-safe; caller closes.
 */
public final class TarSplitReader implements Closeable {
    /** Longest accepted line: tar-split writes segments of at most 1 MiB (base64: 1.4 MiB). */
    public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
    /** Largest accepted file size (1 PiB): protects size sums from overflow and nonsense. */
    public static final long MAX_FILE_SIZE = 1L << 50;

    private static final int READ_BYTES = 1 << 16;

    private final Path path;
    private final InputStream input;
    private long index;
    /** Decompressed bytes not consumed yet are {@code buffer[start, limit)}. */
    private byte[] buffer = new byte[READ_BYTES];
    private int start;
    private int limit;
    private boolean eof;
    private int lineStart;
    private int lineEnd;
    /** The entries of a line the fast parser left to the general JSON reader, or null. */
    private MappingIterator<TarSplitEntryJson> general;

    private TarSplitReader(Path path, InputStream input) {
        this.path = path;
        this.input = input;
    }

    /**
     * Opens a tar-split file. The file itself must be a regular file, not reached through a symlink.
     *
     * @param tarSplit the gzip-compressed tar-split file
     * @return a reader positioned before the first entry; caller closes
     * @throws DockerStorageException when the file cannot be opened or is not gzip
     */
    public static TarSplitReader open(Path tarSplit) throws DockerStorageException {
        InputStream raw = null;
        try {
            BasicFileAttributes attributes = Files.readAttributes(tarSplit, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw new DockerStorageException("cannot read tar-split " + tarSplit + ": not a regular file", tarSplit);
            }
            raw = Files.newInputStream(tarSplit, LinkOption.NOFOLLOW_LINKS);
            return new TarSplitReader(tarSplit, new GZIPInputStream(raw, READ_BYTES));
        } catch (DockerStorageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw);
            throw new DockerStorageException("cannot read tar-split " + tarSplit + ": " + e.getMessage(), tarSplit, e);
        }
    }

    /**
     * Adds up the size of the tar the file describes (segments plus file contents) without touching
     * any layer file.
     *
     * @param tarSplit the gzip-compressed tar-split file
     * @return the tar size in bytes
     * @throws DockerStorageException when the file is unreadable or malformed
     */
    public static long tarSize(Path tarSplit) throws DockerStorageException {
        try (TarSplitReader reader = open(tarSplit)) {
            long size = 0;
            for (TarSplitEntry entry = reader.next(); entry != null; entry = reader.next()) {
                long add = entry instanceof TarSplitEntry.Segment segment ? segment.bytes().length
                        : ((TarSplitEntry.File) entry).size();
                // each addend is at most 2^50 and the sum is kept under 2^62, so it cannot overflow
                size += add;
                if (size > Long.MAX_VALUE / 2) {
                    throw reader.malformed(entry.position(), "the sizes add up to more than a tar can hold");
                }
            }
            return size;
        }
    }

    /** @return the tar-split file being read */
    public Path path() {
        return path;
    }

    /**
     * @return the next entry, or null after the last one
     * @throws DockerStorageException when the next entry is malformed or the file is damaged
     */
    public TarSplitEntry next() throws DockerStorageException {
        TarSplitEntryJson json;
        try {
            json = nextJson();
        } catch (IOException | RuntimeException e) {
            throw malformed(index, "cannot parse it: " + firstLine(e));
        }
        if (json == null) {
            return null;
        }
        TarSplitEntry entry = validate(json);
        index++;
        return entry;
    }

    /**
     * The next entry as JSON: lines in the form tar-split writes go through {@link TarSplitLineParser};
     * any other line is handed whole to the general JSON reader, which decides what it holds.
     */
    private TarSplitEntryJson nextJson() throws IOException {
        while (true) {
            if (general != null) {
                if (general.hasNextValue()) {
                    return general.nextValue();
                }
                general.close();
                general = null;
            }
            if (!nextLine()) {
                return null;
            }
            TarSplitEntryJson json = TarSplitLineParser.parse(buffer, lineStart, lineEnd);
            if (json != null) {
                return json;
            }
            byte[] line = Arrays.copyOfRange(buffer, lineStart, lineEnd);
            general = Json.MAPPER.readerFor(TarSplitEntryJson.class).readValues(line);
        }
    }

    /**
     * Finds the next line in the decompressed stream, reading more as needed.
     *
     * @return false at the end of the stream; else the line is {@code buffer[lineStart, lineEnd)}
     * @throws IOException when the stream is damaged or a line is longer than {@link #MAX_LINE_BYTES}
     */
    private boolean nextLine() throws IOException {
        int scanned = 0; // bytes after start known to hold no newline
        while (true) {
            for (int i = start + scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    return checkLength(i - start) && line(i, i + 1);
                }
            }
            scanned = limit - start;
            checkLength(scanned);
            if (eof) {
                return scanned > 0 && line(limit, limit);
            }
            fill();
        }
    }

    private static boolean checkLength(int length) throws IOException {
        if (length > MAX_LINE_BYTES) {
            throw new IOException("a line is longer than " + MAX_LINE_BYTES + " bytes");
        }
        return true;
    }

    private boolean line(int end, int next) {
        lineStart = start;
        lineEnd = end;
        start = next;
        return true;
    }

    /** Moves the unconsumed bytes to the front (growing the buffer for a long line) and reads more. */
    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, limit - start);
            limit -= start;
            start = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_LINE_BYTES + READ_BYTES));
        }
        int n = input.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    @Override
    public void close() {
        closeQuietly(general);
        closeQuietly(input);
    }

    /**
     * @param position the entry concerned
     * @param what     what is wrong with it
     * @return an exception naming this file and that entry
     */
    DockerStorageException malformed(long position, String what) {
        return new DockerStorageException("malformed tar-split " + path + ": entry at position " + position + ": "
                + what, path);
    }

    private TarSplitEntry validate(TarSplitEntryJson json) throws DockerStorageException {
        if (json == null) {
            throw malformed(index, "null instead of an object");
        }
        if (json.position() != index) {
            throw malformed(index, "it says position " + json.position() + " (entries must be in sequence)");
        }
        return switch (json.type()) {
            case TarSplitEntryJson.SEGMENT_TYPE -> new TarSplitEntry.Segment(index,
                    json.payload() == null ? new byte[0] : json.payload());
            case TarSplitEntryJson.FILE_TYPE -> file(json);
            default -> throw malformed(index, "unknown type " + json.type() + " (1 = file, 2 = segment)");
        };
    }

    private TarSplitEntry file(TarSplitEntryJson json) throws DockerStorageException {
        if (json.size() < 0 || json.size() > MAX_FILE_SIZE) {
            throw malformed(index, "impossible size " + json.size());
        }
        if (json.size() > 0 && (json.payload() == null || json.payload().length != 8)) {
            throw malformed(index, "a file with content needs an 8-byte CRC-64 payload");
        }
        boolean raw = json.nameRaw() != null && json.nameRaw().length > 0;
        String name = raw ? decode(json.nameRaw()) : json.name() == null ? "" : json.name();
        boolean invalidUtf8 = raw && !isUtf8(json.nameRaw());
        if (name.indexOf('\0') >= 0) {
            throw malformed(index, "the name contains a NUL byte");
        }
        long crc = json.size() > 0 ? TarSplitCrc64.fromBytes(json.payload()) : 0L;
        return new TarSplitEntry.File(index, name, invalidUtf8, json.size(), crc);
    }

    private static String decode(byte[] bytes) {
        return FileNames.decode(bytes); // bytes that are not UTF-8 stay exact (escaped), see FileNames
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // closing a read-only input: nothing to recover
            }
        }
    }
}
