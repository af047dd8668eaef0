package io.github.drydock.driver;

import io.github.drydock.model.LayerKind;

import java.nio.file.Path;
import java.util.Optional;

/**
 * vfs: {@code dir/<id>} is a full copy of the tree at that layer.
 *
 * @param home the driver home
 */
public record ModernVfsPaths(Path home) implements ModernDriverPaths {
    /** The folder of layer trees. */
    public static final String DIR = "dir";

    @Override
    public String driver() {
        return "vfs";
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
        return ModernDriverIds.under(home.resolve(DIR), cacheId);
    }

    @Override
    public Optional<Path> containerDir(String mountId) {
        return ModernDriverIds.under(home.resolve(DIR), mountId);
    }
}
