package io.github.drydock.model;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An image. On a legacy root every {@code graph/<id>} is an image whose own layer is one layer;
 * on a modern root an image is a config with a list of layers.
 *
 * @param id            the image id, 64 hex ({@code sha256:} stripped)
 * @param repoTags      {@code repo:tag} references pointing at it
 * @param repoDigests   {@code repo@sha256:…} references pointing at it
 * @param parentId      the parent image id as recorded, or null; on damaged roots it may be missing or
 *                      close a cycle (a problem says so): {@code layers} is always a finite chain
 * @param created       creation time, or null
 * @param size          legacy: the size of this image's own layer; modern: the sum of its layers; -1 unknown
 * @param virtualSize   the sum of the layer sizes from the base up to this image; -1 unknown
 * @param architecture  e.g. {@code amd64}, or null
 * @param os            e.g. {@code linux}, or null
 * @param author        or null
 * @param comment       or null
 * @param dockerVersion the Docker version that made it, or null
 * @param config        the run-time configuration
 * @param history       the steps, base first (empty steps included)
 * @param layers        the layers, base first
 * @param driver        the driver whose metadata this came from
 * @param source        the metadata file it was read from ({@code graph/<id>/json} or {@code imagedb/content/sha256/<id>})
 */
public record Image(String id, List<String> repoTags, List<String> repoDigests, String parentId,
                    Instant created, long size, long virtualSize, String architecture, String os,
                    String author, String comment, String dockerVersion, ContainerConfig config,
                    List<HistoryEntry> history, List<Layer> layers, String driver, Path source) {
    /** Validates the id and copies lists defensively. */
    public Image {
        Objects.requireNonNull(id, "id");
        repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
        repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
        config = config == null ? ContainerConfig.EMPTY : config;
        history = history == null ? List.of() : List.copyOf(history);
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    /** @return the first 12 characters of the id, as Docker prints it */
    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
