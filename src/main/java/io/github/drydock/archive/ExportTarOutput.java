package io.github.drydock.archive;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The byte side of an export tar: headers and file contents gathered in one large buffer and written in
 * big blocks, member padding and the end-of-archive blocks. When the caller's stream is a
 * {@link FileOutputStream} (a file, or stdout), writing goes through its channel from a direct buffer, and
 * big files go from the layer to the output inside the kernel ({@link FileChannel#transferTo}: no copy
 * through the heap). Any other stream gets the same big writes from a heap buffer. Memory: one buffer,
 * whatever the file sizes.
 */
final class ExportTarOutput {
    /** The buffer: enough to batch many small files per write, small enough for {@code -Xmx64m}. */
    static final int BUFFER = 1 << 20;
    /** Files at least this big skip the buffer when a channel is at hand. */
    static final long DIRECT_MIN = 256 * 1024;
    private static final int BLOCK = 512;
    private static final byte[] ZEROS = new byte[64 * 1024];

    private final OutputStream stream;
    private final WritableByteChannel channel;
    private final ByteBuffer buffer;
    private long written;

    private ExportTarOutput(OutputStream stream, WritableByteChannel channel) {
        this.stream = stream;
        this.channel = channel;
        this.buffer = channel != null ? ByteBuffer.allocateDirect(BUFFER) : ByteBuffer.allocate(BUFFER);
    }

    /**
     * @param out the caller's stream (never closed)
     * @return an output over it: through its channel for a {@link FileOutputStream} or a {@link ChannelSink},
     *         else through the stream
     * @throws IOException when a {@link ChannelSink} cannot write out what it buffered
     */
    static ExportTarOutput over(OutputStream out) throws IOException {
        if (out instanceof FileOutputStream file) {
            return new ExportTarOutput(null, file.getChannel());
        }
        if (out instanceof ChannelSink sink) {
            return new ExportTarOutput(null, sink.drainToChannel());
        }
        return new ExportTarOutput(out, null);
    }

    /** @return bytes handed to this output so far (buffered ones included) */
    long written() {
        return written;
    }

    /**
     * Appends raw bytes (headers: whole blocks).
     *
     * @param bytes the bytes
     * @throws IOException when writing fails
     */
    void write(byte[] bytes) throws IOException {
        int offset = 0;
        while (offset < bytes.length) {
            if (!buffer.hasRemaining()) {
                drain();
            }
            int n = Math.min(buffer.remaining(), bytes.length - offset);
            buffer.put(bytes, offset, n);
            offset += n;
        }
        written += bytes.length;
    }

    /**
     * Appends a member's content: exactly {@code size} bytes of {@code in} from its start (zero bytes
     * when it is shorter), then zeros up to the next block.
     *
     * @param in   the file
     * @param size the size the header announced
     * @return the bytes actually read from {@code in}
     * @throws IOException when reading or writing fails
     */
    long content(FileChannel in, long size) throws IOException {
        long done = channel != null && size >= DIRECT_MIN ? transfer(in, size) : 0;
        if (done < size) { // no channel, a small file, or transferTo stopped (e.g. a non-blocking pipe was full)
            done += buffered(in, done, size - done);
        }
        zeros(size - done + SaveGoTarHeader.padding(size));
        return done;
    }

    /** Ends the archive with two zero blocks (as Go's writer: no record padding) and writes everything out. */
    void finish() throws IOException {
        zeros(2 * BLOCK);
        drain();
        if (stream != null) {
            stream.flush();
        }
    }

    private long transfer(FileChannel in, long size) throws IOException {
        drain();
        long done = 0;
        while (done < size) {
            long n = in.transferTo(done, size - done, channel);
            if (n <= 0) {
                break; // the file ends early, or the output took nothing now: the buffered copy takes over
            }
            done += n;
        }
        written += done;
        return done;
    }

    private long buffered(FileChannel in, long from, long size) throws IOException {
        in.position(from);
        long done = 0;
        while (done < size) {
            if (!buffer.hasRemaining()) {
                drain();
            }
            int room = (int) Math.min(buffer.remaining(), size - done);
            buffer.limit(buffer.position() + room);
            int n;
            try {
                n = in.read(buffer);
            } finally {
                buffer.limit(buffer.capacity());
            }
            if (n < 0) {
                break;
            }
            done += n;
        }
        written += done;
        return done;
    }

    private void zeros(long count) throws IOException {
        long left = count;
        while (left > 0) {
            if (!buffer.hasRemaining()) {
                drain();
            }
            int n = (int) Math.min(Math.min(buffer.remaining(), left), ZEROS.length);
            buffer.put(ZEROS, 0, n);
            left -= n;
        }
        written += count;
    }

    private void drain() throws IOException {
        buffer.flip();
        if (channel != null) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } else if (buffer.hasRemaining()) {
            stream.write(buffer.array(), buffer.arrayOffset(), buffer.remaining());
        }
        buffer.clear();
    }
}
