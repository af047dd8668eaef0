package io.github.drydock.archive;

import io.github.drydock.driver.Threads;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import io.github.drydock.model.Problem;
import io.github.drydock.union.UnionView;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The export's producer. On a thread of its own it walks the view, encodes every member's header, opens
 * and reads every small file, and packs all of it into large chunks of finished tar bytes; the caller's
 * thread only writes chunks out and copies the big files ({@link Transfer}), which the kernel can move
 * without them passing through Java. A view of tens of thousands of small files costs several system
 * calls per file (list, {@code lstat}, open, read, close): with two cores that work now runs beside the
 * writing instead of before each write.
 *
 * <p>Memory stays flat: at most {@link #CHUNKS} chunks of {@link #CHUNK} bytes exist, and at most
 * {@link #PENDING} items (so open big files) wait for the writer. What the walk throws reaches the
 * writer after everything produced before it. {@link #close} stops the thread early (a failed write),
 * closes the big files still waiting, and waits for the thread to end.
 */
final class ExportProducer implements AutoCloseable {
    /** Bytes per chunk: many small files per write, small enough for {@code -Xmx64m}. */
    static final int CHUNK = 1 << 20;
    /** Chunks at most, in use or waiting. */
    static final int CHUNKS = 4;
    /** Items waiting for the writer at most. */
    static final int PENDING = 16;
    private static final long POLL_MILLIS = 50;
    private static final byte[] ZEROS = new byte[64 * 1024];

    /**
     * A big regular file the writer copies itself, right after the chunk that ends with its header; the
     * writer closes the channel.
     *
     * @param entry   the file's entry
     * @param channel the file, open at its start
     */
    record Transfer(FileEntry entry, FileChannel channel) {
    }

    /** The end of the walk: normal, or the failure that ended it. */
    private record End(Throwable failure) {
    }

    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(PENDING);
    private final UnionView view;
    private final String base;
    private final boolean direct;
    private final List<String> skipped = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, String> firstNames = new HashMap<>();
    private final Thread thread;
    private volatile boolean closed;
    private int allocated;
    private long entries;
    private long bytes;
    private End end;

    /**
     * Starts producing.
     *
     * @param view   the view whose files are opened
     * @param walk   the walk, from the first entry below {@code base}; from now on only the new thread uses it
     * @param base   the view path member names are relative to
     * @param direct true when the writer has a channel: chunks are direct buffers and files of at least
     *               {@link ExportTarOutput#DIRECT_MIN} bytes are left to the writer as {@link Transfer}s;
     *               false: heap chunks ({@link ByteBuffer#array}) holding every file
     * @param name   the thread's name
     */
    ExportProducer(UnionView view, Iterator<FileEntry> walk, String base, boolean direct, String name) {
        this.view = view;
        this.base = base;
        this.direct = direct;
        thread = new Thread(() -> produce(walk), name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The next item for the writer, in archive order.
     *
     * @return a chunk of tar bytes (position 0, limit at its end; give it back with {@link #recycle}), a
     *         {@link Transfer}, or null when everything was produced
     * @throws IOException what reading a file threw, after everything produced before it
     * @throws RuntimeException what the walk threw, after everything produced before it
     */
    Object next() throws IOException {
        if (end != null) {
            return null;
        }
        Object item = take();
        if (item instanceof End e) {
            end = e;
            rethrow(e.failure());
            return null;
        }
        return item;
    }

    /** @param chunk a chunk the writer has written out: it is filled again */
    void recycle(ByteBuffer chunk) {
        chunk.clear();
        free.offer(chunk);
    }

    /** @return members produced (valid once {@link #next} returned null) */
    long entries() {
        return entries;
    }

    /** @return content bytes of the regular files produced (valid once {@link #next} returned null) */
    long bytes() {
        return bytes;
    }

    /** @return sockets left out (tar cannot hold them; valid once {@link #next} returned null) */
    List<String> skipped() {
        return skipped;
    }

    /** @return files left out or cut short (valid once {@link #next} returned null) */
    List<Problem> problems() {
        return problems;
    }

    private void produce(Iterator<FileEntry> entries) {
        ByteBuffer chunk = null;
        End last = new End(null);
        try (WalkAhead walk = new WalkAhead(entries, thread.getName() + "-list")) {
            chunk = takeFree();
            while (chunk != null && !closed && walk.hasNext()) {
                chunk = member(walk.next(), chunk);
            }
        } catch (Throwable t) { // every failure must reach the writer, or it would wait forever
            last = new End(t);
        }
        if (chunk != null && chunk.position() > 0) {
            handChunk(chunk); // what was produced before a failure is written before the failure shows
        }
        hand(last);
    }

    /** Adds one member to the chunk; returns the chunk to go on with (null once closed). */
    private ByteBuffer member(FileEntry entry, ByteBuffer chunk) throws IOException {
        if (entry.type() == FileType.SOCKET) {
            skipped.add(entry.path());
            return chunk;
        }
        String name = TarEntryMapper.tarName(entry, base);
        Optional<String> key = entry.hardLinkKey();
        Optional<String> linkedTo = key.map(firstNames::get);
        TarArchiveEntry header = TarEntryMapper.toTarEntry(entry, name, linkedTo);
        Map<String, byte[]> binary = TarEntryMapper.binaryPaxRecords(entry);
        if (entry.type() != FileType.FILE || linkedTo.isPresent()) {
            entries++;
            return put(chunk, SaveGoTarHeader.encode(header, binary));
        }
        FileChannel in;
        try {
            in = view.openChannel(entry);
        } catch (DockerStorageException e) {
            problems.add(new Problem(String.valueOf(entry.source()), e.getMessage() + " — left out of the export"));
            return chunk;
        }
        ByteBuffer next;
        boolean handed = false;
        try {
            next = put(chunk, SaveGoTarHeader.encode(header, binary));
            if (next != null && direct && entry.size() >= ExportTarOutput.DIRECT_MIN) {
                handed = handChunk(next) && hand(new Transfer(entry, in));
                next = handed ? takeFree() : null;
            } else if (next != null) {
                next = content(next, in, entry);
            }
        } finally {
            if (!handed) {
                in.close();
            }
        }
        key.ifPresent(k -> firstNames.put(k, name));
        entries++;
        bytes += entry.size();
        return next;
    }

    /** Reads exactly the file's announced size into chunks (zeros when it ends early), then its padding. */
    private ByteBuffer content(ByteBuffer chunk, FileChannel in, FileEntry entry) throws IOException {
        long size = entry.size();
        long done = 0;
        ByteBuffer current = chunk;
        while (done < size) {
            if (!current.hasRemaining()) {
                current = handChunk(current) ? takeFree() : null;
                if (current == null) {
                    return null;
                }
            }
            int room = (int) Math.min(current.remaining(), size - done);
            current.limit(current.position() + room);
            int n;
            try {
                n = in.read(current);
            } finally {
                current.limit(current.capacity());
            }
            if (n < 0) {
                problems.add(new Problem(String.valueOf(entry.source()), entry.path() + " ended after " + done
                        + " of " + size + " bytes while exporting: padded with zero bytes"));
                break;
            }
            done += n;
        }
        return zeros(current, size - done + SaveGoTarHeader.padding(size));
    }

    private ByteBuffer put(ByteBuffer chunk, byte[] bytes) {
        ByteBuffer current = chunk;
        int offset = 0;
        while (current != null && offset < bytes.length) {
            if (!current.hasRemaining()) {
                current = handChunk(current) ? takeFree() : null;
                continue;
            }
            int n = Math.min(current.remaining(), bytes.length - offset);
            current.put(bytes, offset, n);
            offset += n;
        }
        return current;
    }

    private ByteBuffer zeros(ByteBuffer chunk, long count) {
        ByteBuffer current = chunk;
        long left = count;
        while (current != null && left > 0) {
            if (!current.hasRemaining()) {
                current = handChunk(current) ? takeFree() : null;
                continue;
            }
            int n = (int) Math.min(Math.min(current.remaining(), left), ZEROS.length);
            current.put(ZEROS, 0, n);
            left -= n;
        }
        return current;
    }

    /** A chunk to fill: a recycled one, a new one while fewer than {@link #CHUNKS} exist, or null once closed. */
    private ByteBuffer takeFree() {
        ByteBuffer chunk = free.poll();
        if (chunk != null) {
            return chunk;
        }
        if (allocated < CHUNKS) {
            allocated++;
            return direct ? ByteBuffer.allocateDirect(CHUNK) : ByteBuffer.allocate(CHUNK);
        }
        boolean interrupted = false;
        try {
            while (!closed) {
                try {
                    chunk = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (chunk != null) {
                        return chunk;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return null;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean handChunk(ByteBuffer chunk) {
        chunk.flip();
        return hand(chunk);
    }

    /** Puts into the queue, waiting for room, unless the writer closed this producer. */
    private boolean hand(Object item) {
        boolean interrupted = false;
        try {
            while (!closed) {
                try {
                    if (ready.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                } catch (InterruptedException e) {
                    interrupted = true; // the writer still waits for this item: keep offering
                }
            }
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Object take() {
        try {
            return ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the export's walk", e);
        }
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure == null) {
            return;
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        throw new IllegalStateException(failure);
    }

    /** Stops producing (at the next member), closes the big files still waiting, waits for the thread. */
    @Override
    public void close() {
        closed = true;
        closeWaiting();
        Threads.awaitEnd(thread);
        closeWaiting();
    }

    private void closeWaiting() {
        for (Object item; (item = ready.poll()) != null; ) {
            if (item instanceof Transfer t) {
                try {
                    t.channel().close();
                } catch (IOException e) {
                    // nothing was read from it; a failed close of a read-only file changes nothing
                }
            }
        }
    }
}
