package io.github.drydock.driver;

import io.github.drydock.model.LayerKind;

import java.nio.file.Path;
import java.util.Optional;

/**
 * overlay (v1): an image layer keeps a full tree in {@code <id>/root} (unchanged files hardlinked
 * to its parent's); a container layer keeps {@code <id>/upper} over the {@code root} of the layer
 * named in {@code <id>/lower-id}.
 *
 * @param home the driver home
 */
public record ModernOverlayPaths(Path home) implements ModernDriverPaths {
    /** The full tree of an image layer. */
    public static final String ROOT = "root";
    /** A container layer's own changes. */
    public static final String UPPER = "upper";
    /** The id of the image layer whose {@code root} a container layer stacks on. */
    public static final String LOWER_ID = "lower-id";

    @Override
    public String driver() {
        return "overlay";
    }

    @Override
    public LayerKind imageLayerKind() {
        return LayerKind.SNAPSHOT;
    }

    @Override
    public LayerKind containerLayerKind() {
        return LayerKind.DIFF;
    }

    @Override
    public Optional<Path> layerDir(String cacheId) {
        return ModernDriverIds.under(home, cacheId, ROOT);
    }

    @Override
    public Optional<Path> containerDir(String mountId) {
        return ModernDriverIds.under(home, mountId, UPPER);
    }

    /**
     * @param mountId a container's mount id or init id
     * @return its {@code lower-id} file, or empty for an unsafe id
     */
    public Optional<Path> lowerIdFile(String mountId) {
        return ModernDriverIds.under(home, mountId, LOWER_ID);
    }
}
