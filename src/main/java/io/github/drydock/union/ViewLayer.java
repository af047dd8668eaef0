package io.github.drydock.union;

import io.github.drydock.driver.WhiteoutEncoding;
import io.github.drydock.model.LayerKind;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One layer folder of a view's stack, as the view reads it.
 *
 * @param id       the layer's id (chain id or legacy id; mount id or init id for a container's layers)
 * @param path     its folder on the opened disk
 * @param kind     DIFF or SNAPSHOT
 * @param encoding how its folder records deletions
 * @param tarSplit the image layer's tar-split file, or null (container layers, snapshots, unknown); with
 *                 {@link WhiteoutEncoding#OVERLAY} it tells opaque folders when their attribute cannot be read
 */
public record ViewLayer(String id, Path path, LayerKind kind, WhiteoutEncoding encoding, Path tarSplit) {
    /** Validates that every part is present. */
    public ViewLayer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(encoding, "encoding");
    }

    /**
     * A layer without a tar-split.
     *
     * @param id       see the record components
     * @param path     see the record components
     * @param kind     see the record components
     * @param encoding see the record components
     */
    public ViewLayer(String id, Path path, LayerKind kind, WhiteoutEncoding encoding) {
        this(id, path, kind, encoding, null);
    }

    /**
     * A plain folder seen as one full snapshot (a volume's {@code _data}, an extracted tree).
     *
     * @param id     a name for messages
     * @param folder the folder
     * @return the layer
     */
    public static ViewLayer snapshot(String id, Path folder) {
        return new ViewLayer(id, folder, LayerKind.SNAPSHOT, WhiteoutEncoding.NONE);
    }
}
