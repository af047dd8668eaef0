package io.github.drydock.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the bytes of one layer tar in an archive come from. Size and digest are known before writing. */
sealed interface SaveLayerSource {
    /** @return the digest of the tar (64 hex) */
    String diffId();

    /** @return the size of the tar in bytes */
    long size();

    /**
     * Writes the tar into {@code out} (not closed).
     *
     * @param out where it goes
     * @throws IOException when the layer cannot be rebuilt or {@code out} fails
     */
    void writeTo(OutputStream out) throws IOException;

    /** The original tar, rebuilt from the tar-split and the layer folder while it is written. */
    record Exact(Path tarSplit, Path folder, String diffId, long size) implements SaveLayerSource {
        @Override
        public void writeTo(OutputStream out) throws IOException {
            TarSplitAssembler.write(tarSplit, folder, diffId, out);
        }
    }

    /** A tar made by a {@link LayerFallback} and spooled to a temp file. */
    record Spooled(Path file, String diffId, long size) implements SaveLayerSource {
        @Override
        public void writeTo(OutputStream out) throws IOException {
            byte[] buffer = new byte[TarSplitAssembler.BUFFER_BYTES];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
            }
        }
    }
}
