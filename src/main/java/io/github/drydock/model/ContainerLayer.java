package io.github.drydock.model;

import java.nio.file.Path;

/**
 * A container's own read-write layer and its init layer.
 *
 * @param mountId  the driver id of the read-write layer (legacy: the container id)
 * @param initId   the driver id of the init layer ({@code <mount id>-init}), or null
 * @param driver   the driver name
 * @param path     the folder with the container's changes (e.g. {@code overlay2/<mount id>/diff}), or null when missing
 * @param initPath the folder of the init layer, or null
 * @param kind     DIFF or SNAPSHOT
 */
public record ContainerLayer(String mountId, String initId, String driver, Path path, Path initPath,
                             LayerKind kind) {
}
