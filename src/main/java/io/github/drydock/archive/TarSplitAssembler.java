package io.github.drydock.archive;

import io.github.drydock.driver.Threads;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

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
 * The work is split over two threads (see {@link TarSplitProducer}): the CRC-64 of the files on a worker,
 * the SHA-256 and the writing on the calling thread, which alone touches the caller's stream. Memory
 * stays flat (a ring of {@value TarSplitProducer#CHUNKS} buffers of 1 MiB) whatever the size of the layer.
 */
public final class TarSplitAssembler {
    /** Copy buffer size of the other layer copies (spooled fallback tars, appended files). */
    static final int BUFFER_BYTES = 64 * 1024;
    private static final String WORKER_NAME = "drydock-layer-reader";

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
        } catch (InterruptedIOException e) {
            throw new DockerStorageException(e.getMessage(), tarSplit, e);
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

    /**
     * One rebuild, as seen from the calling thread: a {@link TarSplitProducer} on a worker thread reads the
     * tar-split and the files and checks their CRC-64; this thread hashes the bytes with SHA-256, writes
     * them, and collects the mismatches in order. The worker never outlives the call.
     */
    private static final class Run {
        private final Path tarSplit;
        private final String expectedDiffId;
        private final OutputStream out;
        private final boolean failFast;
        private final TarSplitProducer producer;
        private final MessageDigest digest = Digests.sha256();
        private final List<LayerTarMismatch> mismatches = new ArrayList<>();
        private long size;

        Run(Path tarSplit, Path layerDir, String expectedDiffId, OutputStream out, boolean failFast) {
            this.tarSplit = tarSplit;
            this.expectedDiffId = expectedDiffId;
            this.out = out;
            this.failFast = failFast;
            this.producer = new TarSplitProducer(tarSplit, layerDir, failFast);
        }

        LayerTarReport run() throws IOException {
            Thread worker = new Thread(producer, WORKER_NAME);
            worker.setDaemon(true);
            worker.start();
            try {
                consume();
            } finally {
                stop(worker);
            }
            LayerTarReport report = report();
            if (failFast && !report.ok()) {
                throw new LayerTarException(report, tarSplit);
            }
            return report;
        }

        private void consume() throws IOException {
            boolean last = false;
            while (!last) {
                TarSplitProducer.Chunk chunk;
                try {
                    chunk = producer.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while rebuilding the layer of " + tarSplit);
                }
                digest.update(chunk.data, 0, chunk.length);
                out.write(chunk.data, 0, chunk.length);
                size += chunk.length;
                mismatches.addAll(chunk.mismatches);
                Throwable failure = chunk.failure;
                last = chunk.last;
                producer.recycle(chunk);
                if (failure != null) {
                    throw rethrow(failure);
                }
                if (failFast && !mismatches.isEmpty()) {
                    throw new LayerTarException(report(), tarSplit);
                }
            }
        }

        /** Stops the worker (a no-op when it has finished) and waits for it, even if this thread is interrupted. */
        private void stop(Thread worker) {
            producer.cancel();
            worker.interrupt();
            Threads.awaitEnd(worker);
        }

        private static IOException rethrow(Throwable failure) {
            if (failure instanceof IOException e) {
                return e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return new IOException(failure);
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
}
