package io.github.drydock.archive;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * An output stream that can hand over the channel it writes to, so that a writer may copy file contents
 * inside the kernel ({@link java.nio.channels.FileChannel#transferTo}) instead of through the heap. A
 * buffered implementation writes out what it holds before handing the channel over.
 */
public interface ChannelSink {
    /**
     * Writes out anything buffered, then gives the channel; bytes written to the channel follow those
     * already written to the stream.
     *
     * @return the channel (not to be closed by the caller)
     * @throws IOException when writing out the buffer fails
     */
    WritableByteChannel drainToChannel() throws IOException;

    /**
     * Whether bytes may be written at any offset at or after the channel's position: true only when the
     * channel is a {@link java.nio.channels.FileChannel} over a regular file opened for writing without
     * {@code APPEND}, that nothing else writes to meanwhile. An export then copies big files into their
     * places in the tar beside the small ones (see {@code ExportBigFiles}); the bytes are the same.
     *
     * @return false unless the implementation knows it (the default)
     */
    default boolean positional() {
        return false;
    }

    /**
     * The same file opened once more for writing, with a position of its own (never truncated, never
     * appending), so that big files can be copied into their places inside the kernel; asked only when
     * {@link #positional} is true. The caller closes it.
     *
     * @return the channel, or null (the default): big files are then copied through a buffer
     * @throws IOException when the file cannot be opened again
     */
    default java.nio.channels.FileChannel reopen() throws IOException {
        return null;
    }
}
