package io.github.drydock.cli;

import io.github.drydock.archive.ChannelSink;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;

/**
 * A buffered stream over a channel (an output file, stdout) that lets an export copy big files into that
 * channel inside the kernel ({@link ChannelSink}); everything else is written through the buffer.
 */
final class ChannelOutputStream extends BufferedOutputStream implements ChannelSink {
    private final WritableByteChannel channel;

    ChannelOutputStream(WritableByteChannel channel, int buffer) {
        super(Channels.newOutputStream(channel), buffer);
        this.channel = channel;
    }

    @Override
    public WritableByteChannel drainToChannel() throws IOException {
        flush();
        return channel;
    }
}
