package io.github.drydock.archive;

import org.apache.commons.io.function.IOSupplier;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The writing side of an export tar: chunks of finished tar bytes ({@link ExportProducer}) written out as
 * they come, big files copied from the layer, member padding and the end-of-archive blocks. When the
 * caller's stream is a {@link FileOutputStream} (a file, or stdout) or a {@link ChannelSink}, writing goes
 * through its channel, and big files go from the layer to the output inside the kernel
 * ({@link FileChannel#transferTo}: no copy through the heap). Into a tar FILE whose bytes may be written
 * at any offset ({@link #positional}) the writer instead leaves each big file's room ({@link #skip}) and
 * {@link ExportBigFiles} fills it beside. Any other stream gets the same big writes from heap chunks.
 * Memory: one small buffer of its own, whatever the file sizes.
 */
final class ExportTarOutput {
    /** Its own buffer: padding, the end blocks, and a file whose kernel copy stopped (chunks bring the rest). */
    static final int BUFFER = 64 * 1024;
    /** Files at least this big skip the buffer when a channel is at hand. */
    static final long DIRECT_MIN = 256 * 1024;
    private static final int BLOCK = 512;
    private static final byte[] ZEROS = new byte[64 * 1024];

    private final OutputStream stream;
    private final WritableByteChannel channel;
    private final FileChannel positional;
    private final IOSupplier<FileChannel> reopen;
    private final ByteBuffer buffer;

    private ExportTarOutput(OutputStream stream, WritableByteChannel channel, FileChannel positional,
                            IOSupplier<FileChannel> reopen) {
        this.stream = stream;
        this.channel = channel;
        this.positional = positional;
        this.reopen = reopen;
        this.buffer = channel != null ? ByteBuffer.allocateDirect(BUFFER) : ByteBuffer.allocate(BUFFER);
    }

    /**
     * @param out the caller's stream (never closed)
     * @return an output over it: through its channel for a {@link FileOutputStream} or a {@link ChannelSink},
     *         else through the stream; {@link #positional} for a {@link ChannelSink} that says so, and for
     *         standard output redirected to a file ({@link SeekableOutput#stdout})
     * @throws IOException when a {@link ChannelSink} cannot write out what it buffered
     */
    static ExportTarOutput over(OutputStream out) throws IOException {
        if (out instanceof FileOutputStream file) {
            FileChannel channel = file.getChannel();
            boolean seekable = file.getFD() == FileDescriptor.out && SeekableOutput.stdout();
            return new ExportTarOutput(null, channel, seekable ? channel : null, SeekableOutput::reopenStdout);
        }
        if (out instanceof ChannelSink sink) {
            WritableByteChannel channel = sink.drainToChannel();
            boolean seekable = channel instanceof FileChannel && sink.positional() && !Boolean.getBoolean(
                    SeekableOutput.IN_ORDER_PROPERTY);
            return new ExportTarOutput(null, channel, seekable ? (FileChannel) channel : null, sink::reopen);
        }
        return new ExportTarOutput(out, null, null, () -> null);
    }

    /** @return true when writing goes through a channel: chunks may be direct, big files are kernel copies */
    boolean direct() {
        return channel != null;
    }

    /**
     * @return the tar file when its bytes may be written at any offset (a big file is then copied into the
     *         room {@link #skip} leaves for it, by another thread), else null
     */
    FileChannel positional() {
        return positional;
    }

    /**
     * @return the tar file opened once more, with a position of its own (the caller closes it), or null
     *         when it is not {@link #positional} or cannot be opened again (big files then go through a
     *         buffer: slower, the same bytes)
     */
    FileChannel reopen() {
        if (positional == null) {
            return null;
        }
        try {
            return reopen.get();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Leaves room for bytes another thread writes at their offset ({@link #positional}); the room holds
     * whatever the file held there (a hole in a new file) until they are written.
     *
     * @param count the bytes
     * @return the offset of the room
     * @throws IOException when writing out what this output holds fails
     */
    long skip(long count) throws IOException {
        drain();
        long at = positional.position();
        positional.position(at + count);
        return at;
    }

    /**
     * Writes a chunk of finished tar bytes, after whatever this output holds.
     *
     * @param chunk the bytes from its position to its limit: a direct or heap buffer with a channel, a heap
     *              buffer without one
     * @throws IOException when writing fails
     */
    void chunk(ByteBuffer chunk) throws IOException {
        drain();
        if (channel != null) {
            while (chunk.hasRemaining()) {
                channel.write(chunk);
            }
        } else {
            stream.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
            chunk.position(chunk.limit());
        }
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
