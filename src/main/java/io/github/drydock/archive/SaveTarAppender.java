package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import io.github.drydock.model.Problem;
import io.github.drydock.union.UnionView;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Appends members to a layer tar the way Docker's own tar writer makes them ({@code pkg/archive}
 * {@code addTarFile}): the {@link TarEntryMapper} header serialised as Go does ({@link SaveGoTarHeader}),
 * owner names as a Linux host resolves them for
 * Docker ({@code root} for id 0; other ids are left unnamed, since the dead host's user table is not
 * known), the first name of a multiply-linked file as a regular member and later names as hard links, file
 * bytes streamed from the view. Whiteouts are zero-length regular files ({@code .wh.<name>}).
 *
 * <p>A file that cannot be read is left out and reported; one that shrank since it was listed is padded
 * with zero bytes (and reported), so the member stays consistent with its header.
 */
final class SaveTarAppender implements AutoCloseable {
    /** The name Docker's lookup gives the owner id 0 on every Linux host. */
    private static final String ROOT_NAME = "root";
    private static final int BUFFER = TarSplitAssembler.BUFFER_BYTES;
    private static final int TAR_BLOCK = 512;

    private final OutputStream tar;
    private final List<Problem> problems;
    private final Map<String, String> firstNames = new HashMap<>();
    private final byte[] buffer = new byte[BUFFER];
    private long members;

    /**
     * @param out      the caller's stream (never closed)
     * @param problems where unreadable files are reported
     */
    SaveTarAppender(OutputStream out, List<Problem> problems) {
        this.tar = new BufferedOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush(); // the caller's stream stays open
            }
        }, BUFFER);
        this.problems = problems;
    }

    /** @return the members written so far */
    long members() {
        return members;
    }

    /**
     * Appends one entry of a view (sockets are left out: tar cannot hold them).
     *
     * @param view  the view the entry comes from (its bytes are read through it)
     * @param entry the entry
     * @param name  its member name ({@link TarEntryMapper#tarName})
     * @throws IOException when the output fails
     */
    void entry(UnionView view, FileEntry entry, String name) throws IOException {
        if (entry.type() == FileType.SOCKET) {
            return;
        }
        Optional<String> key = entry.hardLinkKey();
        Optional<String> linkedTo = key.map(firstNames::get);
        TarArchiveEntry header = named(TarEntryMapper.toTarEntry(entry, name, linkedTo), entry.uid(), entry.gid());
        Map<String, byte[]> binary = TarEntryMapper.binaryPaxRecords(entry);
        if (entry.type() != FileType.FILE || linkedTo.isPresent()) {
            put(header, binary);
            return;
        }
        InputStream in;
        try {
            in = view.open(entry);
        } catch (DockerStorageException e) {
            problems.add(new Problem(String.valueOf(entry.source()), e.getMessage() + " — left out of the layer tar"));
            return;
        }
        try (in) {
            tar.write(SaveGoTarHeader.encode(header, binary));
            long copied = copy(in, entry.size());
            if (copied < entry.size()) {
                problems.add(new Problem(String.valueOf(entry.source()), entry.path() + " ended after " + copied
                        + " of " + entry.size() + " bytes while writing the layer tar: padded with zero bytes"));
            }
            tar.write(new byte[SaveGoTarHeader.padding(entry.size())]);
            members++;
        }
        key.ifPresent(k -> firstNames.put(k, name));
    }

    /**
     * Appends a whiteout or opaque marker: an empty regular file. Its mode carries no file-type bits, as in
     * the whiteouts Docker writes (overlay2's {@code 0600}, {@code ExportChanges}' {@code 0}).
     *
     * @param name     its member name ({@code dir/.wh.<name>} or {@code dir/.wh..wh..opq})
     * @param mode     permission bits
     * @param uid      owner
     * @param gid      group
     * @param mtime    modification time (whole seconds are written)
     * @param linkName the link name Docker leaves on an overlay whiteout whose device node shares its inode with
     *                 an earlier one (the earlier one's original name), or empty
     * @throws IOException when the output fails
     */
    void whiteout(String name, int mode, long uid, long gid, Instant mtime, String linkName) throws IOException {
        TarArchiveEntry header = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        header.setMode(mode & 07777);
        header.setUserId(uid);
        header.setGroupId(gid);
        header.setModTime(FileTime.from(mtime.getEpochSecond(), TimeUnit.SECONDS));
        header.setSize(0);
        header.setLinkName(linkName);
        put(named(header, uid, gid), Map.of());
    }

    /**
     * Ends the tar with two zero blocks, as Go's writer does (no record padding), and flushes; the caller's
     * stream stays open.
     *
     * @throws IOException when the output fails
     */
    @Override
    public void close() throws IOException {
        tar.write(new byte[2 * TAR_BLOCK]);
        tar.close();
    }

    private void put(TarArchiveEntry header, Map<String, byte[]> binary) throws IOException {
        tar.write(SaveGoTarHeader.encode(header, binary));
        members++;
    }

    private static TarArchiveEntry named(TarArchiveEntry header, long uid, long gid) {
        header.setUserName(uid == 0 ? ROOT_NAME : "");
        header.setGroupName(gid == 0 ? ROOT_NAME : "");
        return header;
    }

    /** Copies exactly {@code size} bytes, padding with zeros when the file is shorter; returns bytes read. */
    private long copy(InputStream in, long size) throws IOException {
        long remaining = size;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                break;
            }
            tar.write(buffer, 0, n);
            remaining -= n;
        }
        long read = size - remaining;
        Arrays.fill(buffer, (byte) 0);
        while (remaining > 0) {
            int n = (int) Math.min(buffer.length, remaining);
            tar.write(buffer, 0, n);
            remaining -= n;
        }
        return read;
    }
}
