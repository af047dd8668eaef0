package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds the exact original tar of a layer from its tar-split file and its layer folder, as Docker does
 * for {@code docker save} and push (moby {@code layer/layer_store.go} {@code assembleTarTo}, vbatts/tar-split
 * {@code tar/asm/assemble.go}): segments are copied verbatim, and each member with content is copied from
 * {@code <layer folder>/<name>} while its CRC-64 is computed and compared with the recorded one; the whole
 * stream is hashed with SHA-256 and compared with the diff id.
 *
 * <p>The same code serves both kinds of layer folder: a DIFF folder (overlay2 {@code diff/}, aufs) holds
 * exactly this layer's files, and a SNAPSHOT folder (vfs) holds the whole tree at this layer, where
 * every file of this layer's tar is at the same path.
 *
 * <p>Two modes: {@link #verify} reads everything into a null sink and lists every mismatch; {@link #write}
 * streams into the caller's stream and stops at the first mismatch with a {@link LayerTarException}.
 * Memory stays flat (one 64 KiB buffer) whatever the size of the layer.
 */
public final class TarSplitAssembler {
    /** Copy buffer size. */
    static final int BUFFER_BYTES = 64 * 1024;

    private TarSplitAssembler() {
    }

    /**
     * Rebuilds a layer into a null sink and reports every file that does not match.
     *
     * @param tarSplit       the layer's {@code tar-split.json.gz} (or legacy {@code tar-data.json.gz})
     * @param layerDir       the layer folder the member names are relative to
     * @param expectedDiffId the diff id the result must hash to ({@code sha256:} optional), or null to just compute it
     * @return the report: ok, or the mismatching files, the computed digest and size
     * @throws DockerStorageException when the tar-split file is unreadable, malformed or hostile
     */
    public static LayerTarReport verify(Path tarSplit, Path layerDir, String expectedDiffId)
            throws DockerStorageException {
        try {
            return new Run(tarSplit, layerDir, expected(expectedDiffId, tarSplit), OutputStream.nullOutputStream(), false).run();
        } catch (DockerStorageException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("a null sink does not fail", e);
        }
    }

    /**
     * Streams the rebuilt layer tar into {@code out}, which is not closed.
     *
     * @param tarSplit       the layer's tar-split file
     * @param layerDir       the layer folder
     * @param expectedDiffId the diff id the result must hash to, or null to accept any
     * @param out            where the tar goes
     * @return the report (always ok)
     * @throws LayerTarException      at the first file that does not match, or when the digest differs
     * @throws DockerStorageException when the tar-split file is unreadable, malformed or hostile
     * @throws IOException            when {@code out} fails
     */
    public static LayerTarReport write(Path tarSplit, Path layerDir, String expectedDiffId, OutputStream out)
            throws IOException {
        return new Run(tarSplit, layerDir, expected(expectedDiffId, tarSplit), out, true).run();
    }

    /**
     * {@link #verify(Path, Path, String)} for a layer record: its tar-split, folder and diff id.
     *
     * @param layer a layer with a tar-split and a folder
     * @return the report
     * @throws DockerStorageException when the layer has no tar-split or folder, or the tar-split is bad
     */
    public static LayerTarReport verify(Layer layer) throws DockerStorageException {
        return verify(requireTarSplit(layer), requireFolder(layer), layer.diffId());
    }

    /**
     * {@link #write(Path, Path, String, OutputStream)} for a layer record.
     *
     * @param layer a layer with a tar-split and a folder
     * @param out   where the tar goes (not closed)
     * @return the report (always ok)
     * @throws IOException as {@link #write(Path, Path, String, OutputStream)}
     */
    public static LayerTarReport write(Layer layer, OutputStream out) throws IOException {
        return write(requireTarSplit(layer), requireFolder(layer), layer.diffId(), out);
    }

    private static String expected(String diffId, Path tarSplit) throws DockerStorageException {
        if (diffId != null && !Digests.isDigest(diffId)) {
            throw new DockerStorageException("invalid diff id \"" + diffId + "\" for the layer of " + tarSplit, tarSplit);
        }
        return diffId == null ? null : Digests.hex(diffId);
    }

    static Path requireTarSplit(Layer layer) throws DockerStorageException {
        if (layer.tarSplit() == null) {
            throw new DockerStorageException("layer " + layer.id() + " has no tar-split file, so its original tar "
                    + "cannot be rebuilt exactly", layer.path());
        }
        return layer.tarSplit();
    }

    static Path requireFolder(Layer layer) throws DockerStorageException {
        if (layer.path() == null || layer.kind() == LayerKind.UNREADABLE) {
            throw new DockerStorageException("layer " + layer.id() + " has no readable folder ("
                    + layer.driver() + ")", layer.tarSplit());
        }
        return layer.path();
    }

    /** One rebuild: the state shared by the steps. */
    private static final class Run {
        private final Path tarSplit;
        private final Path layerDir;
        private final String expectedDiffId;
        private final OutputStream out;
        private final boolean failFast;
        private final MessageDigest digest = Digests.sha256();
        private final List<LayerTarMismatch> mismatches = new ArrayList<>();
        private final byte[] buffer = new byte[BUFFER_BYTES];
        private long size;

        Run(Path tarSplit, Path layerDir, String expectedDiffId, OutputStream out, boolean failFast) {
            this.tarSplit = tarSplit;
            this.layerDir = layerDir;
            this.expectedDiffId = expectedDiffId;
            this.out = out;
            this.failFast = failFast;
        }

        LayerTarReport run() throws IOException {
            try (TarSplitReader reader = TarSplitReader.open(tarSplit)) {
                for (TarSplitEntry entry = reader.next(); entry != null; entry = reader.next()) {
                    if (entry instanceof TarSplitEntry.Segment segment) {
                        emit(segment.bytes(), segment.bytes().length);
                    } else {
                        TarSplitEntry.File file = (TarSplitEntry.File) entry;
                        if (file.size() > 0) {
                            copy(reader, file);
                        }
                    }
                }
            }
            LayerTarReport report = report();
            if (failFast && !report.ok()) {
                throw new LayerTarException(report, tarSplit);
            }
            return report;
        }

        private void copy(TarSplitReader reader, TarSplitEntry.File file) throws IOException {
            Optional<List<String>> components = TarSplitFiles.components(file.name());
            if (components.isEmpty()) {
                throw reader.malformed(file.position(), "the name \"" + file.name()
                        + "\" would leave the layer folder or names no file; refused");
            }
            TarSplitFiles.Lookup lookup = TarSplitFiles.locate(layerDir, components.get());
            if (lookup instanceof TarSplitFiles.Unavailable unavailable) {
                mismatch(new LayerTarMismatch(unavailable.kind(), file.name(), file.position(), unavailable.detail()));
                return;
            }
            copyContent(file, ((TarSplitFiles.Located) lookup).file());
        }

        private void copyContent(TarSplitEntry.File file, Path source) throws IOException {
            TarSplitCrc64 crc = new TarSplitCrc64();
            long copied = 0;
            boolean longer;
            try (SeekableByteChannel channel = openSource(source)) {
                while (copied < file.size()) {
                    int n = readSource(channel, ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, file.size() - copied)));
                    if (n < 0) {
                        break;
                    }
                    crc.update(buffer, 0, n);
                    emit(buffer, n);
                    copied += n;
                }
                longer = copied == file.size() && readSource(channel, ByteBuffer.allocate(1)) > 0;
            } catch (SourceFailure e) {
                mismatch(new LayerTarMismatch(LayerTarMismatch.Kind.UNREADABLE, file.name(), file.position(),
                        e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage()));
                return;
            }
            checkContent(file, copied, longer, crc.getValue());
        }

        private static SeekableByteChannel openSource(Path source) throws SourceFailure {
            try {
                return Files.newByteChannel(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
        }

        private static int readSource(SeekableByteChannel channel, ByteBuffer target) throws SourceFailure {
            try {
                return channel.read(target);
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
        }

        private void checkContent(TarSplitEntry.File file, long copied, boolean longer, long crc) throws IOException {
            if (copied != file.size() || longer) {
                mismatch(new LayerTarMismatch(LayerTarMismatch.Kind.CHANGED, file.name(), file.position(),
                        (longer ? "longer than" : copied + " bytes on disk,") + " " + file.size() + " bytes recorded"));
            } else if (crc != file.crc()) {
                mismatch(new LayerTarMismatch(LayerTarMismatch.Kind.CHANGED, file.name(), file.position(),
                        "CRC-64 " + TarSplitCrc64.format(crc) + " ≠ recorded " + TarSplitCrc64.format(file.crc())));
            }
        }

        private void emit(byte[] bytes, int length) throws IOException {
            out.write(bytes, 0, length);
            digest.update(bytes, 0, length);
            size += length;
        }

        private void mismatch(LayerTarMismatch mismatch) throws LayerTarException {
            mismatches.add(mismatch);
            if (failFast) {
                throw new LayerTarException(report(), tarSplit);
            }
        }

        private LayerTarReport report() {
            try {
                MessageDigest copy = (MessageDigest) digest.clone();
                return new LayerTarReport(expectedDiffId, Digests.hex(copy), size, mismatches);
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("SHA-256 digests can be cloned", e);
            }
        }
    }

    /** A failure reading a layer file (as opposed to writing the caller's stream). */
    private static final class SourceFailure extends IOException {
        SourceFailure(IOException cause) {
            super(cause);
        }
    }
}
