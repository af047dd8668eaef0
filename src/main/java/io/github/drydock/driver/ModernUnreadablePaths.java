package io.github.drydock.driver;

import io.github.drydock.model.LayerKind;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * zfs, devicemapper, windowsfilter and any driver drydock does not know: the bytes live in
 * datasets, thin devices or VHDs that a plain folder walk cannot read.
 *
 * @param driver the driver name
 * @param home   the driver home
 */
public record ModernUnreadablePaths(String driver, Path home) implements ModernDriverPaths {
    /** Validates the components. */
    public ModernUnreadablePaths {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(home, "home");
    }

    @Override
    public LayerKind imageLayerKind() {
        return LayerKind.UNREADABLE;
    }

    @Override
    public LayerKind containerLayerKind() {
        return LayerKind.UNREADABLE;
    }

    @Override
    public Optional<Path> layerDir(String cacheId) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> containerDir(String mountId) {
        return Optional.empty();
    }
}
