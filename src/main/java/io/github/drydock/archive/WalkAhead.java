package io.github.drydock.archive;

import io.github.drydock.driver.Threads;
import io.github.drydock.model.FileEntry;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs a walk on a thread of its own, a bounded distance ahead of the caller: while the export's producer
 * opens and reads small files, and while the writer copies a big one, the next folders are already being
 * listed and their nodes' facts read. Entries travel in small batches through a queue, so memory stays
 * flat whatever the size of the view: at most {@code BATCH * QUEUE} entries wait, and at most
 * {@link #BUDGET} bytes of them by an estimate of their size (long paths, link targets and extended
 * attributes of up to 64 KiB each make some entries weigh far more than others; never file contents).
 * What the walk throws is thrown again to the caller, in order: entries produced before the failure come
 * first. {@link #close} stops the walk early (a failed write) and waits for its thread.
 */
final class WalkAhead implements Iterator<FileEntry>, AutoCloseable {
    /** Entries per hand-over: amortises the queue's locking over many small entries. */
    static final int BATCH = 128;
    /**
     * Batches waiting at most: {@code BATCH * QUEUE} entries ahead, enough for the walk to go on listing
     * while the writer spends a second copying big files.
     */
    static final int QUEUE = 64;
    /** Estimated bytes of the entries waiting at most (and of one batch at most a quarter of it). */
    static final long BUDGET = 4 << 20;
    /** What an entry costs besides its texts: the record, its instants, its map, the list slot. */
    private static final int ENTRY_OVERHEAD = 256;

    /** The end of the walk: normal, or the failure that ended it. */
    private record End(Throwable failure) {
    }

    /** Entries handed over together, and the KiB of the budget they hold until the caller takes them. */
    private record Batch(List<FileEntry> entries, int kib) {
    }

    private final Semaphore budget = new Semaphore((int) (BUDGET >> 10));

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread thread;
    private volatile boolean closed;
    private Iterator<FileEntry> batch = List.<FileEntry>of().iterator();
    private End end;

    /**
     * Starts walking.
     *
     * @param walk the walk; from now on only the new thread touches it
     * @param name the thread's name
     */
    WalkAhead(Iterator<FileEntry> walk, String name) {
        thread = new Thread(() -> produce(walk), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void produce(Iterator<FileEntry> walk) {
        List<FileEntry> pending = new ArrayList<>(BATCH);
        long weight = 0;
        End last = new End(null);
        try {
            while (!closed && walk.hasNext()) {
                FileEntry entry = walk.next();
                pending.add(entry);
                weight += weight(entry);
                if (pending.size() == BATCH || weight >= BUDGET / 4) {
                    handBatch(pending, weight);
                    pending = new ArrayList<>(BATCH);
                    weight = 0;
                }
            }
        } catch (Throwable t) { // every failure must reach the caller, or it would wait forever
            last = new End(t);
        }
        if (!pending.isEmpty()) {
            handBatch(pending, weight); // what was walked before a failure is written before the failure shows
        }
        hand(last);
    }

    /** An estimate of the heap an entry holds: its texts (two bytes a char at worst), its attributes. */
    static long weight(FileEntry entry) {
        long weight = ENTRY_OVERHEAD + 2L * entry.path().length();
        if (entry.linkTarget() != null) {
            weight += 2L * entry.linkTarget().length();
        }
        for (Map.Entry<String, byte[]> xattr : entry.xattrs().entrySet()) {
            weight += 64 + 2L * xattr.getKey().length() + xattr.getValue().length;
        }
        return weight;
    }

    /** Waits for room in the budget, then hands the batch over; gives up when the caller closed the walk. */
    private void handBatch(List<FileEntry> entries, long weight) {
        int kib = (int) Math.min((weight + 1023) >> 10, BUDGET >> 10); // a heavier batch waits for the whole budget
        if (HandOver.await(millis -> budget.tryAcquire(kib, millis, TimeUnit.MILLISECONDS) ? Boolean.TRUE : null,
                () -> closed) != null) {
            hand(new Batch(entries, kib));
        }
    }

    /** Puts into the queue, waiting for room, unless the caller closed the walk. */
    private void hand(Object item) {
        HandOver.offer(queue, item, () -> closed);
    }

    @Override
    public boolean hasNext() {
        while (!batch.hasNext()) {
            if (end != null) {
                HandOver.rethrowUnchecked(end.failure());
                return false;
            }
            Object item = HandOver.take(queue, thread, "the walk's thread");
            if (item instanceof End e) {
                end = e;
            } else {
                Batch taken = (Batch) item;
                budget.release(taken.kib());
                batch = taken.entries().iterator();
            }
        }
        return true;
    }

    @Override
    public FileEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batch.next();
    }

    /** Stops the walk (at its next entry) and waits for its thread to end. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        Threads.awaitEnd(thread);
    }
}
