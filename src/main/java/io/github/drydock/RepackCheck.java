package io.github.drydock;

import java.util.List;
import java.util.Objects;

/**
 * The integrity check of one image ({@link Repack#verify}): was it changed on disk since Docker wrote it?
 *
 * @param imageId         the image's id in the root (64 hex; a legacy image's v1 id)
 * @param repoTags        its tags
 * @param legacy          true for a legacy (v1) image, whose id is not a digest of anything
 * @param computedImageId modern: the SHA-256 of the stored config; legacy: the id Docker 1.10's migration
 *                        would give, or null when a layer's diff id cannot be known
 * @param layers          the check of each layer, base first
 * @param problems        image-level failures (config digest, unparsable config, layer count), empty when none
 */
public record RepackCheck(String imageId, List<String> repoTags, boolean legacy, String computedImageId,
                          List<RepackLayerCheck> layers, List<String> problems) {
    /** Validates and copies. */
    public RepackCheck {
        Objects.requireNonNull(imageId, "imageId");
        repoTags = List.copyOf(repoTags);
        layers = List.copyOf(layers);
        problems = List.copyOf(problems);
    }

    /** @return true when nothing failed (layers that cannot be checked do not fail the image) */
    public boolean ok() {
        return problems.isEmpty() && layers.stream().noneMatch(l -> l.status() == RepackLayerCheck.Status.FAILED);
    }

    /** @return true when every layer was actually rebuilt and matched */
    public boolean verified() {
        return ok() && layers.stream().allMatch(l -> l.status() == RepackLayerCheck.Status.OK);
    }
}
