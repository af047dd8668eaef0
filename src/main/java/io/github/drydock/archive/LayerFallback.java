package io.github.drydock.archive;

import io.github.drydock.model.Layer;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Makes a layer tar when the original cannot be rebuilt byte-exactly (no tar-split, a changed or missing
 * file). The result is a new tar, so the layer gets a new diff id and the image a new image id; the save
 * reports both. {@link SaveFallbackTar} is the implementation: a tar of the layer folder with Docker's whiteout
 * conventions and Go's tar headers.
 */
@FunctionalInterface
public interface LayerFallback {
    /**
     * Writes a tar of the layer's own changes into {@code out}.
     *
     * <p>Contract: the same layer folder must always give the same bytes (sorted entries, fixed header
     * format); never close {@code out}; never follow a symlink out of the layer folder.
     *
     * @param layer the layer (its folder, driver and kind tell how to read it)
     * @param out   where the tar goes
     * @throws IOException when the layer cannot be read or {@code out} fails
     */
    void write(Layer layer, OutputStream out) throws IOException;
}
