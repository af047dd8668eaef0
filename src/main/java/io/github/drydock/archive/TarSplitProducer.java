package io.github.drydock.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The reading half of a layer rebuild, run on its own thread: parses the tar-split, reads each member's
 * file from the layer folder and checks its CRC-64, and packs the resulting tar bytes, in order, into a
 * few large buffers that the calling thread hashes (SHA-256) and writes ({@link TarSplitAssembler}).
 *
 * <p>Why a second thread: the CRC-64 and the SHA-256 of the stream each cost about as much CPU as all the
 * rest together, and they are independent, so on two cores they run side by side. The buffers go round a
 * small fixed ring ({@link #CHUNKS} of {@link #CHUNK_BYTES}), so memory stays flat and the reader never
 * runs more than that far ahead. Thousands of small files and segments share a buffer, so the threads
 * hand over about once per mebibyte, not once per file.
 *
 * <p>Order is kept exactly: a mismatch, or a failure (malformed tar-split, hostile name), travels in the
 * chunk right after the bytes produced before it, so the consumer writes and hashes exactly the bytes the
 * one-thread rebuild wrote before stopping, and reports the same thing. In fail-fast mode the reader stops
 * at the first mismatch.
 */
final class TarSplitProducer implements Runnable {
    /** Size of one buffer: large, so file reads, hashing and writes go in big steps. */
    static final int CHUNK_BYTES = 1 << 20;
    /** Buffers in the ring: one being filled, one being hashed and written, two in between. */
    static final int CHUNKS = 4;

    /** A buffer of tar bytes, with what was learnt right after them. Owned by one thread at a time. */
    static final class Chunk {
        final byte[] data = new byte[CHUNK_BYTES];
        int length;
        final List<LayerTarMismatch> mismatches = new ArrayList<>();
        /** A failure that ends the rebuild after this chunk's bytes, or null. */
        Throwable failure;
        /** True for the last chunk of the rebuild. */
        boolean last;

        void clear() {
            length = 0;
            mismatches.clear();
            failure = null;
            last = false;
        }
    }

    /** Thrown inside the reader when the consumer has gone away; never escapes {@link #run()}. */
    private static final class Cancelled extends Exception {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    private final Path tarSplit;
    private final TarSplitFiles.Locator locator;
    private final boolean failFast;
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS);
    private final ByteBuffer probe = ByteBuffer.allocate(1);
    private volatile boolean cancelled;
    private Chunk chunk;

    TarSplitProducer(Path tarSplit, Path layerDir, boolean failFast) {
        this.tarSplit = tarSplit;
        this.locator = new TarSplitFiles.Locator(layerDir);
        this.failFast = failFast;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new Chunk());
        }
    }

    /**
     * @return the next chunk for the consumer, in order; the last one has {@link Chunk#last} set
     * @throws InterruptedException when the calling thread is interrupted
     */
    Chunk take() throws InterruptedException {
        return full.take();
    }

    /**
     * Gives a processed chunk back to the ring.
     *
     * @param done a chunk from {@link #take()}, no longer used by the caller
     */
    void recycle(Chunk done) {
        done.clear();
        free.add(done);
    }

    /** Asks the reader to stop (it also gets interrupted by the caller) and drops what it produced. */
    void cancel() {
        cancelled = true;
    }

    @Override
    public void run() {
        try {
            chunk = free.take();
            Throwable failure = null;
            try {
                produce();
            } catch (Cancelled e) {
                return;
            } catch (Throwable e) { // handed to the consumer, which rethrows it in order
                failure = e;
            }
            if (chunk == null) { // failed between two buffers: the consumer gives one back
                chunk = free.take();
            }
            chunk.failure = failure;
            chunk.last = true;
            full.put(chunk);
        } catch (InterruptedException e) {
            // cancelled by the consumer: nothing more to hand over
        }
    }

    private void produce() throws IOException, Cancelled {
        try (TarSplitReader reader = TarSplitReader.open(tarSplit)) {
            for (TarSplitEntry entry = reader.next(); entry != null; entry = reader.next()) {
                if (entry instanceof TarSplitEntry.Segment segment) {
                    put(segment.bytes());
                } else {
                    TarSplitEntry.File file = (TarSplitEntry.File) entry;
                    if (file.size() > 0 && !copy(reader, file)) {
                        return;
                    }
                }
            }
        }
    }

    /** @return false when a mismatch ends a fail-fast rebuild */
    private boolean copy(TarSplitReader reader, TarSplitEntry.File file) throws IOException, Cancelled {
        Optional<List<String>> components = TarSplitFiles.components(file.name());
        if (components.isEmpty()) {
            throw reader.malformed(file.position(), "the name \"" + file.name()
                    + "\" would leave the layer folder or names no file; refused");
        }
        TarSplitFiles.Lookup lookup = locator.locate(components.get());
        if (lookup instanceof TarSplitFiles.Unavailable unavailable) {
            return mismatch(new LayerTarMismatch(unavailable.kind(), file.name(), file.position(), unavailable.detail()));
        }
        return copyContent(file, ((TarSplitFiles.Located) lookup).file());
    }

    private boolean copyContent(TarSplitEntry.File file, Path source) throws IOException, Cancelled {
        TarSplitCrc64 crc = new TarSplitCrc64();
        long copied = 0;
        boolean longer;
        try (FileChannel channel = openSource(source)) {
            while (copied < file.size()) {
                int room = room();
                int n = readSource(channel, ByteBuffer.wrap(chunk.data, chunk.length,
                        (int) Math.min(room, file.size() - copied)));
                if (n < 0) {
                    break;
                }
                crc.update(chunk.data, chunk.length, n);
                chunk.length += n;
                copied += n;
            }
            probe.clear();
            longer = copied == file.size() && readSource(channel, probe) > 0;
        } catch (SourceFailure e) {
            return mismatch(new LayerTarMismatch(LayerTarMismatch.Kind.UNREADABLE, file.name(), file.position(),
                    e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage()));
        }
        return checkContent(file, copied, longer, crc.getValue());
    }

    private boolean checkContent(TarSplitEntry.File file, long copied, boolean longer, long crc) throws Cancelled {
        if (copied != file.size() || longer) {
            return mismatch(new LayerTarMismatch(LayerTarMismatch.Kind.CHANGED, file.name(), file.position(),
                    (longer ? "longer than" : copied + " bytes on disk,") + " " + file.size() + " bytes recorded"));
        } else if (crc != file.crc()) {
            return mismatch(new LayerTarMismatch(LayerTarMismatch.Kind.CHANGED, file.name(), file.position(),
                    "CRC-64 " + TarSplitCrc64.format(crc) + " ≠ recorded " + TarSplitCrc64.format(file.crc())));
        }
        return true;
    }

    /** Records a mismatch after the bytes so far; @return false when the rebuild stops here (fail-fast) */
    private boolean mismatch(LayerTarMismatch mismatch) throws Cancelled {
        checkCancelled();
        chunk.mismatches.add(mismatch);
        return !failFast;
    }

    private void put(byte[] bytes) throws Cancelled {
        int offset = 0;
        while (offset < bytes.length) {
            int n = Math.min(room(), bytes.length - offset);
            System.arraycopy(bytes, offset, chunk.data, chunk.length, n);
            chunk.length += n;
            offset += n;
        }
    }

    /** @return the free space in the current chunk, handing it over first when it is full */
    private int room() throws Cancelled {
        if (chunk.length == CHUNK_BYTES) {
            try {
                full.put(chunk);
                chunk = null;
                checkCancelled();
                chunk = free.take();
            } catch (InterruptedException e) {
                throw new Cancelled();
            }
        }
        return CHUNK_BYTES - chunk.length;
    }

    private void checkCancelled() throws Cancelled {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new Cancelled();
        }
    }

    private static FileChannel openSource(Path source) throws SourceFailure {
        try {
            return FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new SourceFailure(e);
        }
    }

    private int readSource(FileChannel channel, ByteBuffer target) throws SourceFailure, Cancelled {
        try {
            return channel.read(target);
        } catch (java.nio.channels.ClosedByInterruptException e) {
            throw new Cancelled();
        } catch (IOException e) {
            throw new SourceFailure(e);
        }
    }

    /** A failure reading a layer file (as opposed to an interruption). */
    private static final class SourceFailure extends IOException {
        SourceFailure(IOException cause) {
            super(cause);
        }
    }
}
