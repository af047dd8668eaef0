package io.github.drydock.archive;

import io.github.drydock.driver.Threads;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.Problem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Copies an export's big files into their places in a tar FILE on a thread of its own, while the writer
 * goes on with the members after them. Only for an output whose bytes can be written at any offset (a tar
 * file: {@code -o FILE}, or stdout redirected to a file; see {@link ExportTarOutput#positional}): the writer
 * leaves the room a big file takes (its size and its padding), hands the file over with that offset, and
 * writes on. A pipe must take its bytes in order and never gets here.
 *
 * <p>Why: a tar's small files cost CPU (a walk, headers, many small reads), its big files cost copying
 * inside the kernel. Written in order, the two alternate: while the writer copies a file of hundreds of
 * megabytes the producer waits with its chunks full, and while it produces, the copying waits. Here they
 * overlap.
 *
 * <p>Given the file opened a second time, with a position of its own, the copies stay inside the kernel
 * ({@link FileChannel#transferTo}: {@code sendfile}); else they go through one buffer. Memory stays flat:
 * one buffer of {@link #BUFFER} bytes, and at most {@link #PENDING} open files waiting.
 * A file that ends early is padded with zeros and reported, as in the in-order copy. A write that fails
 * fails the export: it is rethrown to the writer at its next hand-over or at {@link #finish}; a copier
 * thread that ended without its end (it could not even start) fails it too, instead of leaving rooms empty
 * or making the writer wait forever.
 */
final class ExportBigFiles implements AutoCloseable {
    /** Bytes per read and write. */
    static final int BUFFER = 1 << 20;
    /** Bytes per kernel copy: a close() waits for at most one of them. */
    static final long KERNEL_STEP = 64L << 20;
    /** Big files waiting to be copied at most (each is an open file). */
    static final int PENDING = 8;
    private static final String THREAD = "drydock-export-copy";

    /** One big file and where its content goes. */
    private record Job(ExportProducer.Transfer transfer, long offset) {
    }

    /** The end of the jobs. */
    private record End() {
    }

    private final FileChannel out;
    /** The same file with a position of its own, for kernel copies ({@code sendfile}); null: none. */
    private final FileChannel kernel;
    private final BlockingQueue<Object> jobs = new ArrayBlockingQueue<>(PENDING);
    private final List<Problem> problems = new ArrayList<>();
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean closed;
    /** Set by the copier thread once it took the end: every copy handed over before it was made. */
    private volatile boolean ended;

    /**
     * @param out    the tar file; written at given offsets only ({@link FileChannel#write(ByteBuffer, long)})
     * @param kernel the same file opened once more, or null: when given, big files go into it inside the
     *               kernel ({@link FileChannel#transferTo}, positioned at their room), else through a buffer;
     *               it belongs to this copier, which closes it
     */
    ExportBigFiles(FileChannel out, FileChannel kernel) {
        this.out = out;
        this.kernel = kernel;
        thread = new Thread(this::run, THREAD);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts a copier for a tar output that may be written at any offset.
     *
     * @param tar the output
     * @return the copier (over the file, and the file opened once more when that works), or null when the
     *         output is not {@link ExportTarOutput#positional}: big files are then copied in order
     */
    static ExportBigFiles start(ExportTarOutput tar) {
        if (tar.positional() == null) {
            return null;
        }
        FileChannel kernel = tar.reopen();
        try {
            return new ExportBigFiles(tar.positional(), kernel);
        } catch (RuntimeException | Error e) { // no thread: the second channel would be nobody's
            HandOver.closeQuietly(kernel);
            throw e;
        }
    }

    /**
     * Hands a big file over; the copier closes it.
     *
     * @param transfer the file
     * @param offset   where its content starts in the tar
     * @throws IOException what an earlier copy failed with
     */
    void copy(ExportProducer.Transfer transfer, long offset) throws IOException {
        if (failure != null || !HandOver.offer(jobs, new Job(transfer, offset), this::stopped)) {
            HandOver.closeQuietly(transfer.channel()); // it is this copier's to close, copied or not
            rethrow();
            if (!closed) { // closed: the writer gave up itself and knows why
                checkAlive();
            }
        }
    }

    /**
     * Waits for every copy handed over.
     *
     * @return files that ended early (padded with zeros)
     * @throws IOException what a copy failed with
     */
    List<Problem> finish() throws IOException {
        rethrow();
        HandOver.offer(jobs, new End(), this::stopped);
        Threads.awaitEnd(thread);
        rethrow();
        if (!ended) {
            checkAlive();
            throw new IOException("the export's big-file copier stopped before its end: the archive is incomplete");
        }
        return problems;
    }

    /** True when no copy will be made any more: closed, failed, or the thread is gone. */
    private boolean stopped() {
        return closed || failure != null || !thread.isAlive();
    }

    private void checkAlive() throws IOException {
        if (!thread.isAlive() && !ended) {
            throw new IOException("the export's big-file copier ended without finishing: the archive is incomplete");
        }
    }

    /** Stops copying (a failed export), closes the files still waiting and waits for the thread. */
    @Override
    public void close() {
        closed = true;
        HandOver.shutDown(thread, jobs, item -> item instanceof Job job ? job.transfer().channel() : null);
    }

    private void run() {
        try (kernel) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER); // inside: out of direct memory is a failure too
            while (!closed) {
                Object item = HandOver.await(millis -> jobs.poll(millis, java.util.concurrent.TimeUnit.MILLISECONDS),
                        () -> closed);
                if (item == null) {
                    return;
                }
                if (item instanceof End) {
                    ended = true;
                    return;
                }
                Job job = (Job) item;
                try (FileChannel in = job.transfer().channel()) {
                    copy(in, job.transfer().entry(), job.offset(), buffer);
                }
            }
        } catch (Throwable t) { // the writer must learn of it, or it would write an archive with a gap
            failure = t;
        }
    }

    private void copy(FileChannel in, FileEntry entry, long offset, ByteBuffer buffer) throws IOException {
        long size = entry.size();
        long done = 0;
        if (kernel != null) { // page cache to page cache, no copy through this process
            while (done < size && !closed) {
                kernel.position(offset + done);
                long n = in.transferTo(done, Math.min(size - done, KERNEL_STEP), kernel);
                if (n <= 0) {
                    break; // the file ends early (read below finds where), or the kernel would not
                }
                done += n;
            }
        }
        while (done < size && !closed) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), size - done));
            int n = in.read(buffer, done);
            if (n < 0) {
                synchronized (problems) {
                    problems.add(ExportWriter.cutShort(entry, done));
                }
                break;
            }
            buffer.flip();
            write(buffer, offset + done);
            done += n;
        }
        // zeros for what is missing and for the padding: the room left may hold older bytes of the file
        long zeros = size - done + SaveGoTarHeader.padding(size);
        long at = offset + done;
        while (zeros > 0 && !closed) {
            buffer.clear();
            int n = (int) Math.min(buffer.capacity(), zeros);
            for (int i = 0; i < n; i++) {
                buffer.put((byte) 0);
            }
            buffer.flip();
            write(buffer, at);
            at += n;
            zeros -= n;
        }
    }

    private void write(ByteBuffer buffer, long at) throws IOException {
        long position = at;
        while (buffer.hasRemaining()) {
            position += out.write(buffer, position);
        }
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        HandOver.rethrowUnchecked(t);
    }
}
