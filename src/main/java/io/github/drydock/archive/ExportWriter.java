package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.Problem;
import io.github.drydock.union.UnionView;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writes a view as one flat tar, like {@code docker export}: members in walk order (each folder's
 * children sorted by name), no {@code ./} prefix and no member for the root, folders ending in
 * {@code /}, whiteouts never present (the view has none), the first name of a hard-linked file as a
 * regular file and later names as hard-link members, devices with their numbers, FIFOs as FIFO members
 * (never opened), sockets left out. Headers are the bytes Go's tar writer makes ({@link SaveGoTarHeader}:
 * what {@code docker export} writes, PAX only when USTAR cannot hold a header). File bytes are streamed
 * from the layer that holds them, one buffer at a time: memory stays flat whatever the file size. Given
 * a {@link java.io.FileOutputStream} (a file, stdout), big files are copied inside the kernel, never
 * through the heap; wrap nothing around it, {@link ExportTarOutput} buffers itself. Into a tar file that
 * may be written at any offset (a {@link ChannelSink#positional} sink, or stdout redirected to a file) big
 * files are copied on a thread of their own into the room left for them, beside the rest of the walk. Volumes are not part
 * of a view, so their content is never exported (Docker does the same).
 */
public final class ExportWriter {
    /** The producer's thread. */
    static final String THREAD = "drydock-export-walk";

    private ExportWriter() {
    }

    /**
     * Exports a whole view.
     *
     * @param view the view
     * @param out  where the tar goes; flushed, never closed
     * @return counts, skipped paths and problems
     * @throws IOException when writing to {@code out} fails (the tar is then incomplete)
     */
    public static ExportResult write(UnionView view, OutputStream out) throws IOException {
        return write(view, "/", out, new ExportProgress());
    }

    /**
     * Exports a whole view, counting as it goes.
     *
     * @param view     the view
     * @param out      where the tar goes; flushed, never closed
     * @param progress updated while the export runs, readable from any thread (a progress line)
     * @return counts, skipped paths and problems
     * @throws IOException when writing to {@code out} fails (the tar is then incomplete)
     */
    public static ExportResult write(UnionView view, OutputStream out, ExportProgress progress) throws IOException {
        return write(view, "/", out, progress);
    }

    /**
     * Exports a subtree of a view, member names relative to {@code start} (which itself is not a member).
     *
     * @param view  the view
     * @param start exact view path of a folder
     * @param out   where the tar goes; flushed, never closed
     * @return counts, skipped paths and problems
     * @throws IOException when {@code start} is missing or writing fails
     */
    public static ExportResult write(UnionView view, String start, OutputStream out) throws IOException {
        return write(view, start, out, new ExportProgress());
    }

    /**
     * Exports a subtree of a view, counting as it goes.
     *
     * @param view     the view
     * @param start    exact view path of a folder
     * @param out      where the tar goes; flushed, never closed
     * @param progress updated while the export runs, readable from any thread
     * @return counts, skipped paths and problems
     * @throws IOException when {@code start} is missing or writing fails
     */
    public static ExportResult write(UnionView view, String start, OutputStream out, ExportProgress progress)
            throws IOException {
        // the walk first: it announces the whole subtree to the inspector before anything is read
        Iterator<FileEntry> walk = view.walk(start).iterator();
        if (!walk.hasNext()) {
            throw new DockerStorageException("no such file or folder in the view: " + start, null);
        }
        return write(view, walk, walk.next().path(), out, progress);
    }

    /**
     * Writes the members a walk yields.
     *
     * @param view the view the entries are from (files are opened through it)
     * @param walk the entries below {@code base}, in archive order
     * @param base the view path member names are relative to
     * @param out  where the tar goes; flushed, never closed
     */
    static ExportResult write(UnionView view, Iterator<FileEntry> walk, String base, OutputStream out)
            throws IOException {
        return write(view, walk, base, out, new ExportProgress());
    }

    private static ExportResult write(UnionView view, Iterator<FileEntry> walk, String base, OutputStream out,
                                      ExportProgress progress) throws IOException {
        ExportTarOutput tar = ExportTarOutput.over(out);
        List<Problem> copyProblems = new ArrayList<>();
        // the walk, the headers and the small files are made on their own thread; this one writes them out
        // and copies the big files
        ExportProducer producer = new ExportProducer(view, walk, base, tar.direct(), THREAD, progress);
        // into a tar file that may be written at any offset, big files are copied beside, into their room
        try (producer; ExportBigFiles big = ExportBigFiles.start(tar)) {
            try {
                for (Object item = producer.next(); item != null; item = producer.next()) {
                    if (item instanceof ByteBuffer chunk) {
                        tar.chunk(chunk);
                        producer.recycle(chunk);
                    } else if (big != null) {
                        copyBeside((ExportProducer.Transfer) item, tar, big);
                    } else {
                        copy((ExportProducer.Transfer) item, tar, copyProblems);
                    }
                }
            } catch (IOException | RuntimeException | Error e) {
                // what was written before the failure stays a whole tar prefix: its big files are copied in
                if (big != null) {
                    try {
                        big.finish();
                    } catch (IOException | RuntimeException | Error also) {
                        if (also != e) { // the copier's own failure comes back from finish() as well
                            e.addSuppressed(also);
                        }
                    }
                }
                throw e;
            }
            if (big != null) {
                copyProblems.addAll(big.finish());
            }
        }
        tar.finish();
        out.flush();
        List<Problem> all = new ArrayList<>(view.problems());
        all.addAll(producer.problems());
        all.addAll(copyProblems);
        return new ExportResult(producer.entries(), producer.bytes(), producer.skipped(), all);
    }

    /** The problem of a file that ended before the size its header announced; the rest is zero bytes. */
    static Problem cutShort(FileEntry entry, long read) {
        return new Problem(String.valueOf(entry.source()), entry.path() + " ended after " + read + " of "
                + entry.size() + " bytes while exporting: padded with zero bytes");
    }

    /** Leaves the big file's room in the tar and hands the file to the copier, which closes it. */
    private static void copyBeside(ExportProducer.Transfer transfer, ExportTarOutput tar, ExportBigFiles big)
            throws IOException {
        long size = transfer.entry().size();
        long at;
        try {
            at = tar.skip(size + SaveGoTarHeader.padding(size));
        } catch (IOException | RuntimeException e) {
            HandOver.closeQuietly(transfer.channel());
            throw e;
        }
        big.copy(transfer, at);
    }

    private static void copy(ExportProducer.Transfer transfer, ExportTarOutput tar, List<Problem> problems)
            throws IOException {
        FileEntry entry = transfer.entry();
        try (FileChannel in = transfer.channel()) {
            long copied = tar.content(in, entry.size());
            if (copied < entry.size()) {
                problems.add(cutShort(entry, copied));
            }
        }
    }
}
