package io.github.drydock;

import java.util.List;
import java.util.Objects;

/**
 * How one image went into an archive written by {@link Repack}.
 *
 * @param reference       what was asked for (a tag, an id, a container for a commit)
 * @param sourceId        the image's id in the root (64 hex; a legacy image's v1 id, or the container id
 *                        for a commit)
 * @param legacy          true when the config was built from legacy v1 JSON as Docker 1.10's migration does
 * @param committed       true for the image a commit made (its last layer is the container's, unless the
 *                        container changed nothing)
 * @param originalImageId the image id the root stands for: the stored config's digest (modern), the id a
 *                        1.10 migration would give (legacy, when every diff id is known), or for a commit the
 *                        id of the config built over the exact layers; null when it cannot be known
 * @param writtenImageId  the image id in the archive (SHA-256 of the config written)
 * @param repoTags        the {@code repo:tag} references written
 * @param layers          its layers, base first
 */
public record RepackImage(String reference, String sourceId, boolean legacy, boolean committed, String originalImageId,
                          String writtenImageId, List<String> repoTags, List<RepackLayer> layers) {
    /** Validates and copies. */
    public RepackImage {
        Objects.requireNonNull(writtenImageId, "writtenImageId");
        repoTags = List.copyOf(repoTags);
        layers = List.copyOf(layers);
    }

    /** @return true when the written image id is not the original one (or the original cannot be known) */
    public boolean imageIdChanged() {
        return !writtenImageId.equals(originalImageId);
    }

    /** @return true when every layer is Docker's original tar */
    public boolean exact() {
        return layers.stream().allMatch(l -> l.exact() || l.added());
    }
}
