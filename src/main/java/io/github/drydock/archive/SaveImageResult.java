package io.github.drydock.archive;

import java.util.List;
import java.util.Objects;

/**
 * How one image went into an archive.
 *
 * @param originalImageId the image id in the Docker root (64 hex)
 * @param writtenImageId  the image id in the archive; differs when a layer had to be re-made and the
 *                        config was rewritten with the new diff ids
 * @param repoTags        the familiar {@code repo:tag} references written (empty when saved by id)
 * @param layers          its layers, base first
 */
public record SaveImageResult(String originalImageId, String writtenImageId, List<String> repoTags,
                              List<SaveLayerResult> layers) {
    /** Validates and copies. */
    public SaveImageResult {
        Objects.requireNonNull(originalImageId, "originalImageId");
        Objects.requireNonNull(writtenImageId, "writtenImageId");
        repoTags = List.copyOf(repoTags);
        layers = List.copyOf(layers);
    }

    /** @return true when the image id in the archive is not the original one */
    public boolean imageIdChanged() {
        return !originalImageId.equals(writtenImageId);
    }
}
