package io.github.drydock.layout;

import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;

import java.util.List;
import java.util.Optional;

/**
 * The image metadata of one storage generation, read once when the root is opened. Damage is
 * recorded in the {@link RootContext} given to the factory; an implementation never throws for one
 * bad item.
 */
public sealed interface ImageStore permits GraphLayout, ImageDbLayout {
    /** @return the driver whose metadata this is */
    String driver();

    /** @return every image, with tags, history and layers (base first) filled in; sorted by id */
    List<Image> images();

    /** @return every layer the metadata knows (legacy: one per graph entry; modern: one per chain id) */
    List<Layer> layers();

    /**
     * The read-write and init layers of a container.
     *
     * @param containerId the container's 64-hex id
     * @return its layers, or empty when the store has no record of them
     */
    Optional<ContainerLayer> containerLayer(String containerId);
}
