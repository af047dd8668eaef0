package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;

/**
 * One image to put into an archive.
 *
 * @param config   the exact config bytes (the image id is their SHA-256; they are written verbatim)
 * @param repoTags references to record, e.g. {@code example/app:1} or {@code ubuntu} (= {@code ubuntu:latest});
 *                 empty to save by id
 * @param layers   its layers, base first, one per {@code rootfs.diff_ids} entry of the config; each needs
 *                 its tar-split and folder (or a {@link LayerFallback})
 * @param parentId the parent image id (64 hex or {@code sha256:…}), or null; written to {@code manifest.json}
 *                 only when the parent is saved in the same archive, as Docker does
 */
public record SaveImage(byte[] config, List<String> repoTags, List<Layer> layers, String parentId) {
    /** Largest config accepted, against hostile input. */
    public static final long MAX_CONFIG_BYTES = 64L * 1024 * 1024;

    /** Validates and copies. */
    public SaveImage {
        Objects.requireNonNull(config, "config");
        config = config.clone();
        repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
        layers = List.copyOf(layers);
        parentId = parentId == null ? null : Digests.hex(parentId);
    }

    /** @return a copy of the config bytes */
    @Override
    public byte[] config() {
        return config.clone();
    }

    /** @return the image id: SHA-256 of the config bytes (64 hex) */
    public String imageId() {
        return Digests.sha256Hex(config);
    }

    /**
     * Reads an image config file ({@code imagedb/content/sha256/<id>}), refusing symlinks, non-regular
     * files and files over {@link #MAX_CONFIG_BYTES}.
     *
     * @param configFile the config file
     * @param repoTags   references to record
     * @param layers     the image's layers, base first
     * @param parentId   the parent image id, or null
     * @return the image
     * @throws DockerStorageException when the file cannot be read
     */
    public static SaveImage read(Path configFile, List<String> repoTags, List<Layer> layers, String parentId)
            throws DockerStorageException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(configFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || attributes.size() > MAX_CONFIG_BYTES) {
                throw new DockerStorageException("image config " + configFile + " is not a regular file of at most "
                        + MAX_CONFIG_BYTES + " bytes", configFile);
            }
            try (InputStream in = Files.newInputStream(configFile, LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = in.readNBytes((int) MAX_CONFIG_BYTES + 1);
                if (bytes.length > MAX_CONFIG_BYTES) {
                    throw new DockerStorageException("image config " + configFile + " grew past " + MAX_CONFIG_BYTES
                            + " bytes", configFile);
                }
                return new SaveImage(bytes, repoTags, layers, parentId);
            }
        } catch (DockerStorageException e) {
            throw e;
        } catch (IOException e) {
            throw new DockerStorageException("cannot read image config " + configFile + ": " + e.getMessage(), configFile, e);
        }
    }
}
