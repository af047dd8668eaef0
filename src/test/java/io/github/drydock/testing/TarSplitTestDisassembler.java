package io.github.drydock.testing;

import io.github.drydock.archive.TarSplitCrc64;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Test-only tar-split disassembler: receives a tar stream as an {@link OutputStream} (so a 2 GiB tar
 * never has to exist on disk) and writes the tar-split JSON lines vbatts/tar-split 0.11 would write
 * ({@code tar/asm/disassemble.go}): before each member a segment with the raw bytes since the previous
 * member (padding, PAX / GNU long-name blocks, the header), then a file entry with name, size and
 * CRC-64/ISO; at the end the end-of-archive blocks, further padding in 1 MiB chunks, and one empty segment.
 * It also hashes the whole stream (the diff id). Handles ustar, GNU ({@code L}) and PAX ({@code x})
 * headers; names must be UTF-8.
 */
public final class TarSplitTestDisassembler extends OutputStream {
    private static final int BLOCK = 512;

    private final OutputStream json;
    private final MessageDigest digest;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final ByteArrayOutputStream special = new ByteArrayOutputStream();
    private final byte[] header = new byte[BLOCK];
    private int headerFill;
    private long remaining;
    private long padding;
    private int specialType;
    private boolean trailer;
    private boolean closed;
    private int eofEnd;
    private String longName;
    private String paxPath;
    private Long paxSize;
    private String currentName;
    private long currentSize;
    private TarSplitCrc64 crc = new TarSplitCrc64();
    private long position;
    private long size;

    /** @param json where the (uncompressed) JSON lines go; not closed */
    public TarSplitTestDisassembler(OutputStream json) {
        this.json = json;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Disassembles a tar into a gzip-compressed tar-split file.
     *
     * @return the sha256 hex of the tar (its diff id)
     */
    public static String disassemble(InputStream tar, Path tarSplitGz) {
        try (OutputStream file = Files.newOutputStream(tarSplitGz); GZIPOutputStream gzip = new GZIPOutputStream(file)) {
            TarSplitTestDisassembler d = new TarSplitTestDisassembler(gzip);
            tar.transferTo(d);
            d.close();
            return d.diffId();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the sha256 hex of everything written (valid after close) */
    public String diffId() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** @return the number of tar bytes written */
    public long size() {
        return size;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        digest.update(bytes, offset, length);
        size += length;
        int i = offset;
        int end = offset + length;
        while (i < end) {
            i += step(bytes, i, end - i);
        }
    }

    private int step(byte[] bytes, int offset, int length) throws IOException {
        if (trailer) {
            pending.write(bytes, offset, length);
            return length;
        }
        if (remaining > 0) {
            int n = (int) Math.min(remaining, length);
            if (specialType != 0) {
                special.write(bytes, offset, n);
            } else {
                updateCrc(bytes, offset, n);
            }
            remaining -= n;
            if (remaining == 0) {
                endContent();
            }
            return n;
        }
        if (padding > 0) {
            int n = (int) Math.min(padding, length);
            pending.write(bytes, offset, n);
            padding -= n;
            return n;
        }
        int n = Math.min(BLOCK - headerFill, length);
        System.arraycopy(bytes, offset, header, headerFill, n);
        headerFill += n;
        if (headerFill == BLOCK) {
            headerFill = 0;
            onHeader();
        }
        return n;
    }

    private void onHeader() throws IOException {
        pending.write(header);
        if (allZero(header)) {
            trailer = true;
            eofEnd = pending.size() + BLOCK;
            return;
        }
        int type = header[156];
        long declared = number(124, 12);
        if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
            specialType = type;
            special.reset();
            startContent(declared);
            return;
        }
        currentName = paxPath != null ? paxPath : longName != null ? longName : ustarName();
        currentSize = paxSize != null ? paxSize : declared;
        paxPath = null;
        paxSize = null;
        longName = null;
        segment(pending.toByteArray());
        pending.reset();
        boolean headerOnly = "123456".indexOf(type) >= 0;
        crc = new TarSplitCrc64();
        startContent(headerOnly ? 0 : currentSize);
    }

    private void startContent(long length) throws IOException {
        remaining = length;
        padding = (BLOCK - length % BLOCK) % BLOCK;
        if (length == 0) {
            endContent();
        }
    }

    private void endContent() throws IOException {
        if (specialType != 0) {
            byte[] content = special.toByteArray();
            pending.write(content);
            if (specialType == 'x') {
                parsePax(content);
            } else if (specialType == 'L') {
                longName = cString(content, 0, content.length);
            }
            specialType = 0;
            return;
        }
        String payload = currentSize > 0 ? "\"" + Base64.getEncoder().encodeToString(crc.toBytes()) + "\"" : "null";
        line("{\"type\":1,\"name\":" + goString(currentName) + (currentSize > 0 ? ",\"size\":" + currentSize : "")
                + ",\"payload\":" + payload + ",\"position\":" + position++ + "}");
    }

    /** Writes the end-of-archive segment (padding and both zero blocks), the rest, and an empty segment. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        byte[] rest = pending.toByteArray();
        int first = Math.min(rest.length, eofEnd);
        segment(java.util.Arrays.copyOfRange(rest, 0, first));
        for (int i = first; i < rest.length; i += 1 << 20) {
            segment(java.util.Arrays.copyOfRange(rest, i, Math.min(rest.length, i + (1 << 20))));
        }
        segment(new byte[0]);
        json.flush();
    }

    private void segment(byte[] bytes) throws IOException {
        line("{\"type\":2,\"payload\":\"" + Base64.getEncoder().encodeToString(bytes) + "\",\"position\":" + position++ + "}");
    }

    private void line(String text) throws IOException {
        json.write((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void parsePax(byte[] content) {
        int i = 0;
        while (i < content.length && content[i] != 0) {
            int space = i;
            while (content[space] != ' ') {
                space++;
            }
            int len = Integer.parseInt(new String(content, i, space - i, StandardCharsets.US_ASCII));
            String record = new String(content, space + 1, i + len - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (record.startsWith("path=")) {
                paxPath = record.substring(eq + 1);
            } else if (record.startsWith("size=")) {
                paxSize = Long.parseLong(record.substring(eq + 1));
            }
            i += len;
        }
    }

    private String ustarName() {
        String name = cString(header, 0, 100);
        boolean posix = header[257] == 'u' && header[262] == 0;
        String prefix = posix ? cString(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private long number(int offset, int length) {
        if ((header[offset] & 0x80) != 0) {
            long value = 0;
            for (int i = offset + 1; i < offset + length; i++) {
                value = value << 8 | (header[i] & 0xff);
            }
            return value;
        }
        String text = new String(header, offset, length, StandardCharsets.US_ASCII).replace('\0', ' ').trim();
        return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    }

    private void updateCrc(byte[] bytes, int offset, int length) {
        crc.update(bytes, offset, length);
    }

    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean allZero(byte[] block) {
        return allZeroAt(block, 0);
    }

    private static boolean allZeroAt(byte[] bytes, int offset) {
        for (int i = offset; i < offset + BLOCK; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code encoding/json} string encoding (HTML-safe), enough for tar member names. */
    static String goString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
