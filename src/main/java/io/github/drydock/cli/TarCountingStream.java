package io.github.drydock.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes a tar stream through and counts, for the progress line, the bytes and the members written. It
 * reads the 512-byte headers as they go by (PAX {@code x}/{@code g} and GNU {@code L}/{@code K}
 * extension headers are not members; a PAX {@code size} record overrides the next header's size field).
 * The counts are read from another thread; only the writing thread updates them.
 */
final class TarCountingStream extends FilterOutputStream {
    private static final int BLOCK = 512;
    private static final int SIZE_OFFSET = 124;
    private static final int SIZE_LENGTH = 12;
    private static final int TYPE_OFFSET = 156;
    /** PAX records larger than this are not searched for a size (Docker's are a few hundred bytes). */
    private static final int PAX_LIMIT = 64 * 1024;

    private final byte[] header = new byte[BLOCK];
    private int headerFill;
    private long skip;
    private StringBuilder pax;
    private long paxContent;
    private long paxSize = -1;
    private volatile long bytes;
    private volatile long members;

    TarCountingStream(OutputStream out) {
        super(out);
    }

    /** @return bytes written so far */
    long bytes() {
        return bytes;
    }

    /** @return tar members (files, folders, links, devices) whose header was written so far */
    long members() {
        return members;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        bytes += len;
        int i = off;
        int end = off + len;
        while (i < end) {
            if (skip > 0) {
                int n = (int) Math.min(skip, end - i);
                if (pax != null && paxContent > 0) {
                    int keep = (int) Math.min(n, paxContent);
                    pax.append(new String(b, i, keep, StandardCharsets.UTF_8));
                    paxContent -= keep;
                    if (paxContent == 0) {
                        paxSize = paxSize(pax);
                        pax = null;
                    }
                }
                skip -= n;
                i += n;
            } else {
                int n = Math.min(BLOCK - headerFill, end - i);
                System.arraycopy(b, i, header, headerFill, n);
                headerFill += n;
                i += n;
                if (headerFill == BLOCK) {
                    headerFill = 0;
                    header();
                }
            }
        }
    }

    private void header() {
        if (allZero()) {
            return;
        }
        long size = size();
        char type = (char) header[TYPE_OFFSET];
        if (type == 'x' || type == 'g') {
            pax = size <= PAX_LIMIT ? new StringBuilder() : null;
            paxContent = pax == null ? 0 : size;
        } else if (type != 'L' && type != 'K') {
            members++;
            if (paxSize >= 0) {
                size = paxSize;
            }
            paxSize = -1;
        }
        boolean content = type == '0' || type == '\0' || type == '7' || type == 'x' || type == 'g'
                || type == 'L' || type == 'K';
        skip = content ? (size + BLOCK - 1) / BLOCK * BLOCK : 0;
    }

    private boolean allZero() {
        for (byte value : header) {
            if (value != 0) {
                return false;
            }
        }
        return true;
    }

    /** The size field: octal, or base-256 when its first byte has the high bit set. */
    private long size() {
        if ((header[SIZE_OFFSET] & 0x80) != 0) {
            long value = 0;
            for (int i = SIZE_OFFSET + 1; i < SIZE_OFFSET + SIZE_LENGTH; i++) {
                value = (value << 8) | (header[i] & 0xff);
            }
            return value;
        }
        long value = 0;
        for (int i = SIZE_OFFSET; i < SIZE_OFFSET + SIZE_LENGTH; i++) {
            byte c = header[i];
            if (c >= '0' && c <= '7') {
                value = value * 8 + (c - '0');
            } else if (value > 0 || (c != ' ' && c != 0)) {
                break;
            }
        }
        return value;
    }

    /** Finds {@code size=N} in PAX records ({@code "<len> size=<n>\n"}); -1 when absent. */
    private static long paxSize(CharSequence records) {
        for (String record : records.toString().split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("size=", space + 1)) {
                try {
                    return Long.parseLong(record.substring(space + 1 + "size=".length()));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
