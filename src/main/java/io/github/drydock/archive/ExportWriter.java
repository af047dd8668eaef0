package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import io.github.drydock.model.Problem;
import io.github.drydock.union.UnionView;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a view as one flat tar, like {@code docker export}: members in walk order (each folder's
 * children sorted by name), no {@code ./} prefix and no member for the root, folders ending in
 * {@code /}, whiteouts never present (the view has none), the first name of a hard-linked file as a
 * regular file and later names as hard-link members, devices with their numbers, FIFOs as FIFO members
 * (never opened), sockets left out. Headers are the bytes Go's tar writer makes ({@link SaveGoTarHeader}:
 * what {@code docker export} writes, PAX only when USTAR cannot hold a header). File bytes are streamed
 * from the layer that holds them, one buffer at a time: memory stays flat whatever the file size. Given
 * a {@link java.io.FileOutputStream} (a file, stdout), big files are copied inside the kernel, never
 * through the heap; wrap nothing around it, {@link ExportTarOutput} buffers itself. Volumes are not part
 * of a view, so their content is never exported (Docker does the same).
 */
public final class ExportWriter {
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
        return write(view, "/", out);
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
        // the walk first: it announces the whole subtree to the inspector before anything is read
        Iterator<FileEntry> walk = view.walk(start).iterator();
        if (!walk.hasNext()) {
            throw new DockerStorageException("no such file or folder in the view: " + start, null);
        }
        FileEntry top = walk.next();
        List<String> skipped = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, String> firstNames = new HashMap<>();
        long entries = 0;
        long bytes = 0;
        ExportTarOutput tar = ExportTarOutput.over(out);
        // the walk runs ahead on its own thread; this one only opens files and writes
        try (WalkAhead ahead = new WalkAhead(walk, "drydock-export-walk")) {
            while (ahead.hasNext()) {
                FileEntry entry = ahead.next();
                if (entry.type() == FileType.SOCKET) {
                    skipped.add(entry.path());
                    continue;
                }
                long written = writeEntry(view, tar, entry, TarEntryMapper.tarName(entry, top.path()),
                        firstNames, problems);
                if (written >= 0) {
                    entries++;
                    bytes += written;
                }
            }
        }
        tar.finish();
        out.flush();
        List<Problem> all = new ArrayList<>(view.problems());
        all.addAll(problems);
        return new ExportResult(entries, bytes, skipped, all);
    }

    /** Writes one member; returns the content bytes written, or -1 when the entry was left out. */
    private static long writeEntry(UnionView view, ExportTarOutput tar, FileEntry entry, String name,
                                   Map<String, String> firstNames, List<Problem> problems) throws IOException {
        Optional<String> key = entry.hardLinkKey();
        Optional<String> linkedTo = key.map(firstNames::get);
        TarArchiveEntry header = TarEntryMapper.toTarEntry(entry, name, linkedTo);
        Map<String, byte[]> binary = TarEntryMapper.binaryPaxRecords(entry);
        if (entry.type() != FileType.FILE || linkedTo.isPresent()) {
            tar.write(SaveGoTarHeader.encode(header, binary));
            return 0;
        }
        FileChannel in;
        try {
            in = view.openChannel(entry);
        } catch (DockerStorageException e) {
            problems.add(new Problem(String.valueOf(entry.source()), e.getMessage() + " — left out of the export"));
            return -1;
        }
        try (in) {
            tar.write(SaveGoTarHeader.encode(header, binary));
            long copied = tar.content(in, entry.size());
            if (copied < entry.size()) {
                problems.add(new Problem(String.valueOf(entry.source()), entry.path() + " ended after " + copied
                        + " of " + entry.size() + " bytes while exporting: padded with zero bytes"));
            }
        }
        key.ifPresent(k -> firstNames.put(k, name));
        return entry.size();
    }
}
