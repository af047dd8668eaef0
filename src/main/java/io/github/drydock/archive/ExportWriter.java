package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import io.github.drydock.model.Problem;
import io.github.drydock.union.UnionView;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * (never opened), sockets left out. File bytes are streamed from the layer that holds them, one buffer
 * at a time: memory stays flat whatever the file size. Volumes are not part of a view, so their content
 * is never exported (Docker does the same).
 */
public final class ExportWriter {
    private static final int BUFFER = 64 * 1024;

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
        FileEntry top = view.find(start).orElseThrow(() -> new DockerStorageException(
                "no such file or folder in the view: " + start, null));
        List<String> skipped = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, String> firstNames = new HashMap<>();
        long entries = 0;
        long bytes = 0;
        try (TarArchiveOutputStream tar = TarEntryMapper.open(out)) {
            Iterator<FileEntry> walk = view.walk(start).iterator();
            while (walk.hasNext()) {
                FileEntry entry = walk.next();
                if (entry.path().equals(top.path())) {
                    continue;
                }
                if (entry.type() == FileType.SOCKET) {
                    skipped.add(entry.path());
                    continue;
                }
                long written = writeEntry(view, tar, entry, TarEntryMapper.tarName(entry, top.path()), firstNames,
                        problems);
                if (written >= 0) {
                    entries++;
                    bytes += written;
                }
            }
        }
        out.flush();
        List<Problem> all = new ArrayList<>(view.problems());
        all.addAll(problems);
        return new ExportResult(entries, bytes, skipped, all);
    }

    /** Writes one member; returns the content bytes written, or -1 when the entry was left out. */
    private static long writeEntry(UnionView view, TarArchiveOutputStream tar, FileEntry entry, String name,
                                   Map<String, String> firstNames, List<Problem> problems) throws IOException {
        Optional<String> key = entry.hardLinkKey();
        Optional<String> linkedTo = key.map(firstNames::get);
        TarArchiveEntry header = TarEntryMapper.toTarEntry(entry, name, linkedTo);
        Map<String, byte[]> binary = TarEntryMapper.binaryPaxRecords(entry);
        if (entry.type() != FileType.FILE || linkedTo.isPresent()) {
            TarEntryMapper.putEntry(tar, header, binary);
            tar.closeArchiveEntry();
            return 0;
        }
        InputStream in;
        try {
            in = view.open(entry);
        } catch (DockerStorageException e) {
            problems.add(new Problem(String.valueOf(entry.source()), e.getMessage() + " — left out of the export"));
            return -1;
        }
        try (in) {
            TarEntryMapper.putEntry(tar, header, binary);
            long copied = copy(in, tar, entry.size());
            if (copied < entry.size()) {
                problems.add(new Problem(String.valueOf(entry.source()), entry.path() + " ended after " + copied
                        + " of " + entry.size() + " bytes while exporting: padded with zero bytes"));
            }
            tar.closeArchiveEntry();
        }
        key.ifPresent(k -> firstNames.put(k, name));
        return entry.size();
    }

    /** Copies exactly {@code size} bytes, padding with zeros when the file is shorter; returns bytes read. */
    private static long copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long remaining = size;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            remaining -= n;
        }
        long read = size - remaining;
        java.util.Arrays.fill(buffer, (byte) 0);
        while (remaining > 0) {
            int n = (int) Math.min(buffer.length, remaining);
            out.write(buffer, 0, n);
            remaining -= n;
        }
        return read;
    }
}
