package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, once per diff id, where a layer's bytes come from. Strict (no fallback): the tar-split must be
 * there; its size is added up from the metadata alone and the files are read only while writing, where a
 * mismatch aborts the save. With a fallback: the layer is verified first, and if it cannot be rebuilt
 * exactly, the fallback's tar is spooled to a temp file so its size and digest are known before writing.
 */
final class SaveLayerResolver {
    private final LayerFallback fallback;
    private final Path spoolDir;
    private final SaveLayerSizes sizes;
    private final Map<String, SaveLayerSource> sources = new LinkedHashMap<>();
    private final Map<String, SaveLayerResult> results = new LinkedHashMap<>();
    private final List<Path> spooled = new ArrayList<>();

    /**
     * @param fallback the fallback, or null for strict
     * @param spoolDir where fallback tars are spooled
     * @param sizes    tar sizes added up ahead (strict), or {@link SaveLayerSizes#none()}
     */
    SaveLayerResolver(LayerFallback fallback, Path spoolDir, SaveLayerSizes sizes) {
        this.fallback = fallback;
        this.spoolDir = spoolDir;
        this.sizes = sizes;
    }

    /**
     * @param layer  the layer record
     * @param diffId the diff id the image config records for it
     * @return how it will be written (cached per diff id)
     * @throws IOException when it can be written neither exactly nor by the fallback
     */
    SaveLayerResult resolve(Layer layer, String diffId) throws IOException {
        SaveLayerResult known = results.get(diffId);
        if (known != null) {
            return known;
        }
        SaveLayerResult result = fallback == null ? strict(layer, diffId) : tolerant(layer, diffId);
        results.put(diffId, result);
        return result;
    }

    /** @return sources by written diff id */
    Map<String, SaveLayerSource> sources() {
        return sources;
    }

    /** @return the spooled temp files */
    List<Path> spooled() {
        return spooled;
    }

    /** Deletes the spooled temp files. */
    void deleteSpooled() {
        delete(spooled);
    }

    static void delete(List<Path> files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file we cannot delete is left to the system's temp cleaning
            }
        }
    }

    private SaveLayerResult strict(Layer layer, String diffId) throws DockerStorageException {
        Path tarSplit = TarSplitAssembler.requireTarSplit(layer);
        Path folder = TarSplitAssembler.requireFolder(layer);
        long size = sizes.tarSize(tarSplit);
        sources.put(diffId, new SaveLayerSource.Exact(tarSplit, folder, diffId, size));
        return new SaveLayerResult(diffId, diffId, size, true, List.of(), "");
    }

    private SaveLayerResult tolerant(Layer layer, String diffId) throws IOException {
        String reason;
        List<LayerTarMismatch> mismatches = List.of();
        if (layer.tarSplit() == null) {
            reason = "no tar-split recorded";
        } else if (layer.path() == null || layer.kind() == LayerKind.UNREADABLE) {
            reason = "no readable layer folder";
        } else {
            try {
                LayerTarReport report = TarSplitAssembler.verify(layer.tarSplit(), layer.path(), diffId);
                if (report.ok()) {
                    sources.put(diffId, new SaveLayerSource.Exact(layer.tarSplit(), layer.path(), diffId, report.size()));
                    return new SaveLayerResult(diffId, diffId, report.size(), true, List.of(), "");
                }
                mismatches = report.mismatches();
                reason = report.describe().orElse("").lines().findFirst().orElse("rebuild failed");
            } catch (DockerStorageException e) {
                reason = e.getMessage();
            }
        }
        SaveLayerSource.Spooled spool = spool(layer);
        sources.putIfAbsent(spool.diffId(), spool);
        return new SaveLayerResult(diffId, spool.diffId(), spool.size(), false, mismatches, reason);
    }

    private SaveLayerSource.Spooled spool(Layer layer) throws IOException {
        Path file = Files.createTempFile(spoolDir, ".drydock-layer-", ".tar");
        spooled.add(file);
        MessageDigest digest = Digests.sha256();
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), digest)) {
            fallback.write(layer, new FilterOutputStream(out) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    flush(); // the fallback must not close our stream; if it tries, only flush
                }
            });
        }
        return new SaveLayerSource.Spooled(file, Digests.hex(digest), Files.size(file));
    }
}
