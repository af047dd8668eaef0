package io.github.drydock.archive;

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
 * thread only writes chunks out and has the big files ({@link Transfer}) copied — by itself in order, or
 * into their room by {@link ExportBigFiles} — which the kernel can move without them passing through Java. A view of tens of thousands of small files costs several system
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
    private final ExportProgress progress;
    private End end;
    /** The chunk the producer is filling (its thread only), or null once handed over or closed. */
    private ByteBuffer chunk;

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
     * @param progress counts members and bytes as they are made (for a progress line)
     */
    ExportProducer(UnionView view, Iterator<FileEntry> walk, String base, boolean direct, String name,
                   ExportProgress progress) {
        this.view = view;
        this.progress = progress;
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
        Object item = HandOver.take(ready, thread, "the export's producer thread");
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
        End last = new End(null);
        try (WalkAhead walk = new WalkAhead(entries, thread.getName() + "-list")) {
            chunk = takeFree();
            while (chunk != null && !closed && walk.hasNext()) {
                member(walk.next());
            }
        } catch (Throwable t) { // every failure must reach the writer, or it would wait forever
            last = new End(t);
        }
        if (chunk != null && chunk.position() > 0) {
            handChunk(); // what was produced before a failure is written before the failure shows
        }
        hand(last);
    }

    /** Adds one member to the chunks; {@link #chunk} is null afterwards once closed. */
    private void member(FileEntry entry) throws IOException {
        if (entry.type() == FileType.SOCKET) {
            skipped.add(entry.path());
            return;
        }
        String name = TarEntryMapper.tarName(entry, base);
        Optional<String> key = entry.hardLinkKey();
        Optional<String> linkedTo = key.map(firstNames::get);
        TarArchiveEntry header = TarEntryMapper.toTarEntry(entry, name, linkedTo);
        Map<String, byte[]> binary = TarEntryMapper.binaryPaxRecords(entry);
        if (entry.type() != FileType.FILE || linkedTo.isPresent()) {
            entries++;
            progress.add(1, 0);
            put(SaveGoTarHeader.encode(header, binary));
            return;
        }
        FileChannel in;
        try {
            in = view.openChannel(entry);
        } catch (DockerStorageException e) {
            problems.add(new Problem(String.valueOf(entry.source()), e.getMessage() + " — left out of the export"));
            return;
        }
        boolean handed = false;
        try {
            if (put(SaveGoTarHeader.encode(header, binary))) {
                if (direct && entry.size() >= ExportTarOutput.DIRECT_MIN) {
                    handed = handChunk() && hand(new Transfer(entry, in));
                    chunk = handed ? takeFree() : null;
                } else {
                    content(in, entry);
                }
            }
        } finally {
            if (!handed) {
                in.close();
            }
        }
        key.ifPresent(k -> firstNames.put(k, name));
        entries++;
        bytes += entry.size();
        progress.add(1, entry.size());
    }

    /** Reads exactly the file's announced size into chunks (zeros when it ends early), then its padding. */
    private void content(FileChannel in, FileEntry entry) throws IOException {
        long size = entry.size();
        long done = 0;
        while (done < size) {
            if (!room()) {
                return;
            }
            int room = (int) Math.min(chunk.remaining(), size - done);
            chunk.limit(chunk.position() + room);
            int n;
            try {
                n = in.read(chunk);
            } finally {
                chunk.limit(chunk.capacity());
            }
            if (n < 0) {
                problems.add(ExportWriter.cutShort(entry, done));
                break;
            }
            done += n;
        }
        zeros(size - done + SaveGoTarHeader.padding(size));
    }

    /** Appends bytes; false once closed. */
    private boolean put(byte[] bytes) {
        int offset = 0;
        while (offset < bytes.length) {
            if (!room()) {
                return false;
            }
            int n = Math.min(chunk.remaining(), bytes.length - offset);
            chunk.put(bytes, offset, n);
            offset += n;
        }
        return true;
    }

    private void zeros(long count) {
        long left = count;
        while (left > 0 && room()) {
            int n = (int) Math.min(Math.min(chunk.remaining(), left), ZEROS.length);
            chunk.put(ZEROS, 0, n);
            left -= n;
        }
    }

    /** Makes sure the chunk being filled has room, handing a full one over; false once closed. */
    private boolean room() {
        if (chunk != null && !chunk.hasRemaining()) {
            chunk = handChunk() ? takeFree() : null;
        }
        return chunk != null;
    }

    /** A chunk to fill: a recycled one, a new one while fewer than {@link #CHUNKS} exist, or null once closed. */
    private ByteBuffer takeFree() {
        ByteBuffer recycled = free.poll();
        if (recycled != null) {
            return recycled;
        }
        if (allocated < CHUNKS) {
            allocated++;
            return direct ? ByteBuffer.allocateDirect(CHUNK) : ByteBuffer.allocate(CHUNK);
        }
        return HandOver.await(millis -> free.poll(millis, TimeUnit.MILLISECONDS), () -> closed);
    }

    /** Hands the chunk being filled to the writer; it belongs to the writer from now on. */
    private boolean handChunk() {
        ByteBuffer full = chunk;
        chunk = null;
        full.flip();
        return hand(full);
    }

    /** Puts into the queue, waiting for room, unless the writer closed this producer. */
    private boolean hand(Object item) {
        return HandOver.offer(ready, item, () -> closed);
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        HandOver.rethrowUnchecked(failure);
    }

    /** Stops producing (at the next member), closes the big files still waiting, waits for the thread. */
    @Override
    public void close() {
        closed = true;
        HandOver.shutDown(thread, ready, item -> item instanceof Transfer t ? t.channel() : null);
    }
}
