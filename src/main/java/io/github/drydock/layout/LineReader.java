package io.github.drydock.layout;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into {@code \n}-terminated lines with a bound on line length: a longer line
 * is skipped without ever being held in memory, so one hostile multi-gigabyte line costs a 64 KiB
 * buffer, not the heap ({@link java.io.BufferedReader#readLine()} would hold it whole).
 */
final class LineReader implements Closeable {
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[CHUNK];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[256];
    private int lineLength;
    private long skippedLong;

    /**
     * @param in           the stream (closed by {@link #close()})
     * @param maxLineBytes longer lines are skipped
     */
    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Reads the next line, without its {@code \n}. A last line without {@code \n} is returned too.
     *
     * @return the line's bytes, or null at the end of the stream
     * @throws IOException when reading fails
     */
    byte[] next() throws IOException {
        lineLength = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkEnd && !fill()) {
                if (!any) {
                    return null;
                }
                if (tooLong) {
                    skippedLong++;
                    return next();
                }
                return Arrays.copyOf(line, lineLength);
            }
            any = true;
            int newline = indexOfNewline();
            int end = newline < 0 ? chunkEnd : newline;
            if (!tooLong) {
                tooLong = !append(end - chunkPos);
            }
            chunkPos = newline < 0 ? chunkEnd : newline + 1;
            if (newline >= 0) {
                if (!tooLong) {
                    return Arrays.copyOf(line, lineLength);
                }
                skippedLong++;
                lineLength = 0;
                tooLong = false;
                any = false;
            }
        }
    }

    /** @return how many lines were skipped for being longer than the bound */
    long skippedLongLines() {
        return skippedLong;
    }

    private boolean fill() throws IOException {
        int n = in.read(chunk, 0, CHUNK);
        if (n <= 0) {
            return false;
        }
        chunkPos = 0;
        chunkEnd = n;
        return true;
    }

    private int indexOfNewline() {
        for (int i = chunkPos; i < chunkEnd; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Appends chunk bytes to the line; false (and the line dropped) when it would pass the bound. */
    private boolean append(int count) {
        if ((long) lineLength + count > maxLineBytes) {
            lineLength = 0;
            line = new byte[256];
            return false;
        }
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLength + count, Math.min(maxLineBytes, line.length * 2)));
        }
        System.arraycopy(chunk, chunkPos, line, lineLength, count);
        lineLength += count;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
