package io.github.drydock.driver;

import io.github.drydock.model.LayerKind;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * aufs: {@code diff/<id>} holds a layer's own files (AUFS whiteouts), {@code layers/<id>} lists its
 * ancestors one per line, nearest first.
 *
 * @param home the driver home
 */
public record ModernAufsPaths(Path home) implements ModernDriverPaths {
    /** The folder of layer contents. */
    public static final String DIFF = "diff";
    /** The folder of ancestry files. */
    public static final String LAYERS = "layers";
    /** The folder of mount points. */
    public static final String MNT = "mnt";

    @Override
    public String driver() {
        return "aufs";
    }

    @Override
    public LayerKind imageLayerKind() {
        return LayerKind.DIFF;
    }

    @Override
    public LayerKind containerLayerKind() {
        return LayerKind.DIFF;
    }

    @Override
    public Optional<Path> layerDir(String cacheId) {
        return ModernDriverIds.under(home.resolve(DIFF), cacheId);
    }

    @Override
    public Optional<Path> containerDir(String mountId) {
        return ModernDriverIds.under(home.resolve(DIFF), mountId);
    }

    /**
     * @param id a cache id or mount id
     * @return its ancestry file {@code layers/<id>}, or empty for an unsafe id
     */
    public Optional<Path> layersFile(String id) {
        return ModernDriverIds.under(home.resolve(LAYERS), id);
    }

    /**
     * Parses an ancestry file.
     *
     * @param content its text
     * @return the ancestor ids, nearest first (blank lines dropped)
     */
    public static List<String> parseLayers(String content) {
        return content.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
