package io.github.drydock.synth;

import io.github.drydock.testing.TarSplitTestDisassembler;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one synthetic layer: its folder on disk in the driver's form and, for image layers, the tar
 * Docker would have extracted into it, disassembled on the fly into a gzip tar-split file (so the tar
 * never exists). Every path is checked lexically to stay inside the layer folder.
 */
final class LayerWriter {
    private static final int SPARSE_HEAD = 64 * 1024;
    /** Chunk of a dense big file: at most the content pool's slice limit. */
    private static final int DENSE_CHUNK = 256 * 1024;
    private static final byte[] ZEROS = new byte[1 << 20];
    private static final String AUFS_BASE = ".wh..wh.aufs";

    private final Flavor.Whiteouts whiteouts;
    private final SynthContent content;
    private final SpecialNodes nodes;

    /** What was written. */
    record Written(String diffId, long bytes, long files) {
    }

    LayerWriter(Flavor.Whiteouts whiteouts, SynthContent content, SpecialNodes nodes) {
        this.whiteouts = whiteouts;
        this.content = content;
        this.nodes = nodes;
    }

    /**
     * @param folder   the layer folder (created; for snapshots it already holds the parent's tree)
     * @param members  the layer's entries
     * @param tarSplit where the gzip tar-split goes, or null for a layer without one (container layers)
     * @param mtime    tar header time, seconds
     * @return diff id (null without tar-split), content bytes and regular files written
     */
    Written write(Path folder, List<Member> members, Path tarSplit, long mtime) {
        try {
            Files.createDirectories(folder);
            if (whiteouts == Flavor.Whiteouts.AUFS) {
                aufsBranchMetadata(folder);
            }
            if (tarSplit == null) {
                return disk(folder, members, null, mtime);
            }
            Files.createDirectories(tarSplit.getParent());
            try (OutputStream file = Files.newOutputStream(tarSplit); GZIPOutputStream gz = new GZIPOutputStream(file, 1 << 16)) {
                TarSplitTestDisassembler split = new TarSplitTestDisassembler(gz);
                Written w;
                try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new BufferedOutputStream(split, 1 << 16))) {
                    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                    w = disk(folder, members, tar, mtime);
                    tar.finish();
                }
                split.close();
                return new Written(split.diffId(), w.bytes(), w.files());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write layer " + folder, e);
        }
    }

    private Written disk(Path folder, List<Member> members, TarArchiveOutputStream tar, long mtime) throws IOException {
        Set<String> dirs = new HashSet<>();
        long bytes = 0;
        long files = 0;
        for (Member m : members) {
            parents(folder, m.kind() == Member.Kind.DIR || m.kind() == Member.Kind.OPAQUE ? m.path() : m.parent(),
                    dirs, tar, mtime);
            Path p = inside(folder, m.path());
            switch (m.kind()) {
                case DIR -> Files.createDirectories(p);
                case FILE -> {
                    writeFile(p, m, tar, mtime);
                    bytes += m.size();
                    files++;
                }
                case SYMLINK -> symlink(p, m, tar, mtime);
                case HARDLINK -> hardlink(folder, p, m, tar, mtime);
                case WHITEOUT -> whiteout(folder, p, m, tar, mtime);
                case OPAQUE -> opaque(p, m, tar, mtime);
            }
        }
        return new Written(null, bytes, files);
    }

    /** Emits tar entries for every folder on the way (once) and creates them on disk. */
    private void parents(Path folder, String dir, Set<String> dirs, TarArchiveOutputStream tar, long mtime)
            throws IOException {
        if (dir.isEmpty() || dirs.contains(dir)) {
            return;
        }
        int slash = dir.lastIndexOf('/');
        parents(folder, slash < 0 ? "" : dir.substring(0, slash), dirs, tar, mtime);
        dirs.add(dir);
        Files.createDirectories(inside(folder, dir));
        if (tar != null) {
            TarArchiveEntry e = entry(dir + "/", TarConstants.LF_DIR, 040755, mtime);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        }
    }

    private void writeFile(Path p, Member m, TarArchiveOutputStream tar, long mtime) throws IOException {
        Files.deleteIfExists(p); // a snapshot may hold the parent's copy; never write through a hard link
        if (!m.sparse() && m.size() > DENSE_CHUNK) {
            writeDense(p, m, tar, mtime);
            return;
        }
        long head = m.sparse() ? Math.min(SPARSE_HEAD, m.size()) : m.size();
        ByteBuffer bytes = content.slice(m.contentKey(), (int) head);
        if (m.sparse()) {
            try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
                raf.getChannel().write(bytes.duplicate());
                raf.setLength(m.size());
            }
        } else {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(bytes.duplicate());
            }
        }
        if (tar != null) {
            TarArchiveEntry e = entry(m.path(), TarConstants.LF_NORMAL, 0100644, mtime);
            e.setSize(m.size());
            tar.putArchiveEntry(e);
            tar.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            for (long left = m.size() - head; left > 0; left -= ZEROS.length) {
                tar.write(ZEROS, 0, (int) Math.min(ZEROS.length, left));
            }
            tar.closeArchiveEntry();
        }
    }

    /** A big file with real (random, incompressible) content, written chunk by chunk from the pool. */
    private void writeDense(Path p, Member m, TarArchiveOutputStream tar, long mtime) throws IOException {
        if (tar != null) {
            TarArchiveEntry e = entry(m.path(), TarConstants.LF_NORMAL, 0100644, mtime);
            e.setSize(m.size());
            tar.putArchiveEntry(e);
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long chunk = 0;
            for (long left = m.size(); left > 0; left -= DENSE_CHUNK, chunk++) {
                ByteBuffer bytes = content.slice(m.contentKey() * 1_000_003L + chunk, (int) Math.min(DENSE_CHUNK, left));
                if (tar != null) {
                    tar.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                }
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
            }
        }
        if (tar != null) {
            tar.closeArchiveEntry();
        }
    }

    private void symlink(Path p, Member m, TarArchiveOutputStream tar, long mtime) throws IOException {
        Files.deleteIfExists(p);
        Files.createSymbolicLink(p, Path.of(m.target()));
        if (tar != null) {
            TarArchiveEntry e = entry(m.path(), TarConstants.LF_SYMLINK, 0120777, mtime);
            e.setLinkName(m.target());
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        }
    }

    private void hardlink(Path folder, Path p, Member m, TarArchiveOutputStream tar, long mtime) throws IOException {
        Files.deleteIfExists(p);
        Files.createLink(p, inside(folder, m.target()));
        if (tar != null) {
            TarArchiveEntry e = entry(m.path(), TarConstants.LF_LINK, 0100644, mtime);
            e.setLinkName(m.target());
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        }
    }

    private void whiteout(Path folder, Path p, Member m, TarArchiveOutputStream tar, long mtime) throws IOException {
        String wh = (m.parent().isEmpty() ? "" : m.parent() + "/") + ".wh." + m.name();
        switch (whiteouts) {
            case AUFS -> Files.createLink(inside(folder, wh), folder.resolve(AUFS_BASE)); // aufs links every whiteout to one inode
            case OVERLAY -> nodes.whiteout(p);
            case NONE -> deleteTree(p);
        }
        if (tar != null) {
            tar.putArchiveEntry(entry(wh, TarConstants.LF_NORMAL, 0100600, mtime));
            tar.closeArchiveEntry();
        }
    }

    private void opaque(Path p, Member m, TarArchiveOutputStream tar, long mtime) throws IOException {
        switch (whiteouts) {
            case AUFS -> Files.createFile(p.resolve(".wh..wh..opq"));
            case OVERLAY -> nodes.opaque(p);
            case NONE -> {
                deleteTree(p);
                Files.createDirectories(p);
            }
        }
        if (tar != null) {
            // docker writes the marker with the folder's mode and mtime 0 (go-archive archive_linux.go)
            tar.putArchiveEntry(entry(m.path() + "/.wh..wh..opq", TarConstants.LF_NORMAL, 0100755, 0));
            tar.closeArchiveEntry();
        }
    }

    /** aufs keeps its own bookkeeping at the root of each branch; Docker never puts it into a tar. */
    private static void aufsBranchMetadata(Path folder) throws IOException {
        Path base = folder.resolve(AUFS_BASE);
        if (!Files.exists(base)) {
            Files.createFile(base);
            Files.createDirectories(folder.resolve(".wh..wh.plnk"));
            Files.createDirectories(folder.resolve(".wh..wh.orph"));
        }
    }

    private static TarArchiveEntry entry(String name, byte type, int mode, long mtime) {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setMode(mode);
        e.setModTime(mtime * 1000);
        e.setUserName("root");
        e.setGroupName("root");
        return e;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (var children = Files.list(p)) {
                for (Path c : (Iterable<Path>) children::iterator) {
                    deleteTree(c);
                }
            }
        }
        Files.delete(p);
    }

    /** Resolves a relative member path under the folder, refusing anything that leaves it lexically. */
    static Path inside(Path folder, String relative) {
        Path base = folder.toAbsolutePath().normalize();
        Path p = base;
        for (String part : relative.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("refusing member path " + relative);
            }
            p = p.resolve(part);
        }
        return p;
    }
}
