package io.github.drydock.layout;

import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.Driver;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;

import java.util.List;
import java.util.Optional;

/**
 * Docker 0.7–1.9 image metadata: {@code graph/<id>/{json,layersize,checksum,tar-data.json.gz,parent}},
 * {@code repositories-<driver>}, and the driver folders holding each layer.
 * Source: moby/moby {@code graph/graph.go}, {@code graph/tags.go} (v1.9.1); see spec/docker-legacy-layout.md §3–5.
 */
public final class GraphLayout implements ImageStore {
    private final String driver;

    private GraphLayout(String driver) {
        this.driver = driver;
    }

    /**
     * Reads the legacy metadata of a root.
     *
     * @param context the opened root
     * @param drivers the drivers found there; the active one is read
     * @return the store
     */
    public static GraphLayout read(RootContext context, List<Driver> drivers) {
        String active = drivers.stream().filter(Driver::active).map(Driver::name).findFirst().orElse("vfs");
        return new GraphLayout(active);
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
