package io.github.drydock.model;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A container.
 *
 * @param id            64 hex
 * @param name          the name with its leading slash, e.g. {@code /db}
 * @param imageId       the resolved image id (64 hex), or null
 * @param imageRef      the image name the user typed ({@code Config.Image})
 * @param created       creation time, or null
 * @param state         the recorded state
 * @param path          the entry program
 * @param args          its arguments
 * @param config        the run-time configuration
 * @param portBindings  published ports
 * @param restartPolicy e.g. {@code on-failure:5}, {@code no}, or null
 * @param driver        the storage driver recorded for it
 * @param logPath       the json-file log rebased onto the opened root, or null
 * @param mounts        mounts: volumes and binds
 * @param links         legacy links to other containers
 * @param layer         its read-write and init layers, or null when not found
 * @param source        the config file read ({@code config.json} or {@code config.v2.json})
 */
public record Container(String id, String name, String imageId, String imageRef, Instant created,
                        ContainerState state, String path, List<String> args, ContainerConfig config,
                        List<PortBinding> portBindings, String restartPolicy, String driver, Path logPath,
                        List<Mount> mounts, List<Link> links, ContainerLayer layer, Path source) {
    /** Validates the id and copies lists defensively. */
    public Container {
        Objects.requireNonNull(id, "id");
        args = args == null ? List.of() : List.copyOf(args);
        config = config == null ? ContainerConfig.EMPTY : config;
        portBindings = portBindings == null ? List.of() : List.copyOf(portBindings);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** @return a copy with the given layer */
    public Container withLayer(ContainerLayer newLayer) {
        return new Container(id, name, imageId, imageRef, created, state, path, args, config, portBindings,
                restartPolicy, driver, logPath, mounts, links, newLayer, source);
    }

    /** @return a copy with the given name and links */
    public Container withNameAndLinks(String newName, List<Link> newLinks) {
        return new Container(id, newName, imageId, imageRef, created, state, path, args, config, portBindings,
                restartPolicy, driver, logPath, mounts, newLinks, layer, source);
    }

    /** @return the first 12 characters of the id */
    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
