package io.github.drydock.driver;

import io.github.drydock.model.LayerKind;

import java.nio.file.Path;
import java.util.Optional;

/**
 * btrfs: {@code subvolumes/<id>} is a snapshot subvolume holding the full tree.
 *
 * @param home the driver home
 */
public record ModernBtrfsPaths(Path home) implements ModernDriverPaths {
    /** The folder of subvolumes. */
    public static final String SUBVOLUMES = "subvolumes";

    @Override
    public String driver() {
        return "btrfs";
    }

    @Override
    public LayerKind imageLayerKind() {
        return LayerKind.SNAPSHOT;
    }

    @Override
    public LayerKind containerLayerKind() {
        return LayerKind.SNAPSHOT;
    }

    @Override
    public Optional<Path> layerDir(String cacheId) {
        return ModernDriverIds.under(home.resolve(SUBVOLUMES), cacheId);
    }

    @Override
    public Optional<Path> containerDir(String mountId) {
        return ModernDriverIds.under(home.resolve(SUBVOLUMES), mountId);
    }
}
