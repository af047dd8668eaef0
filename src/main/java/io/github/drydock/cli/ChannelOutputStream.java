package io.github.drydock.cli;

import io.github.drydock.archive.ChannelSink;
import org.apache.commons.io.function.IOSupplier;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.channels.FileChannel;
import java.util.function.BooleanSupplier;

/**
 * A buffered stream over a channel (an output file, stdout) that lets an export copy big files into that
 * channel inside the kernel ({@link ChannelSink}); everything else is written through the buffer.
 */
final class ChannelOutputStream extends BufferedOutputStream implements ChannelSink {
    private final WritableByteChannel channel;
    private final BooleanSupplier positional;
    private final IOSupplier<FileChannel> reopen;

    /**
     * @param channel    where the bytes go
     * @param buffer     the buffer size
     * @param positional asked when an export wants to know whether it may write at any offset
     *                   ({@link ChannelSink#positional})
     * @param reopen     opens the same file once more ({@link ChannelSink#reopen}); may give null
     */
    ChannelOutputStream(WritableByteChannel channel, int buffer, BooleanSupplier positional,
                        IOSupplier<FileChannel> reopen) {
        super(Channels.newOutputStream(channel), buffer);
        this.channel = channel;
        this.positional = positional;
        this.reopen = reopen;
    }

    @Override
    public boolean positional() {
        return positional.getAsBoolean();
    }

    @Override
    public FileChannel reopen() throws IOException {
        return reopen.get();
    }

    @Override
    public WritableByteChannel drainToChannel() throws IOException {
        flush();
        return channel;
    }
}
