package io.github.drydock.archive;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link SaveWriter} wrote.
 *
 * @param format the layout written
 * @param images the images, in archive order
 * @param bytes  the bytes written (the tar size, or the total file size of a folder)
 */
public record SaveResult(SaveFormat format, List<SaveImageResult> images, long bytes) {
    /** Validates and copies. */
    public SaveResult {
        Objects.requireNonNull(format, "format");
        images = List.copyOf(images);
    }

    /** @return true when every image kept its id and every layer was rebuilt byte for byte */
    public boolean exact() {
        return images.stream().noneMatch(SaveImageResult::imageIdChanged)
                && images.stream().flatMap(i -> i.layers().stream()).allMatch(SaveLayerResult::exact);
    }

    /** @return one sentence per changed layer and image, e.g. for a CLI to print; empty when exact */
    public List<String> warnings() {
        Set<String> warnings = new LinkedHashSet<>();
        for (SaveImageResult image : images) {
            for (SaveLayerResult layer : image.layers()) {
                if (!layer.exact() && layer.diffIdChanged()) {
                    warnings.add("layer sha256:" + layer.originalDiffId() + " could not be rebuilt exactly ("
                            + layer.reason() + "); written as a new tar with diff id sha256:" + layer.writtenDiffId());
                }
            }
            if (image.imageIdChanged()) {
                warnings.add("image sha256:" + image.originalImageId() + " " + image.repoTags()
                        + " is written with a new config and image id sha256:" + image.writtenImageId());
            }
        }
        return List.copyOf(warnings);
    }
}
