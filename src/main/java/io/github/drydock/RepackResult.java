package io.github.drydock;

import io.github.drydock.archive.LayerTarMismatch;
import io.github.drydock.archive.SaveFormat;
import io.github.drydock.model.Problem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link Repack#save} or {@link Repack#commit} wrote.
 *
 * @param output   the target ({@link RepackTarget#describe()})
 * @param format   the archive layout
 * @param bytes    the bytes written
 * @param images   the images, in archive order
 * @param problems files left out or padded while writing fallback tars, unreadable folders
 */
public record RepackResult(String output, SaveFormat format, long bytes, List<RepackImage> images,
                           List<Problem> problems) {
    /** Validates and copies. */
    public RepackResult {
        Objects.requireNonNull(format, "format");
        images = List.copyOf(images);
        problems = List.copyOf(problems);
    }

    /** @return true when every image kept its id and every layer of the root was rebuilt byte for byte */
    public boolean exact() {
        return images.stream().allMatch(i -> i.exact() && !i.imageIdChanged());
    }

    /**
     * @return one sentence per layer that is not Docker's original tar (which file and why) and per image
     *         whose id changed; empty when exact
     */
    public List<String> warnings() {
        Set<String> out = new LinkedHashSet<>();
        for (RepackImage image : images) {
            for (RepackLayer layer : image.layers()) {
                if (!layer.exact() && !layer.added()) {
                    out.add(layerWarning(image, layer));
                    for (LayerTarMismatch mismatch : layer.mismatches()) {
                        out.add("  layer " + layer.id() + ": " + mismatch.message());
                    }
                }
            }
            if (image.imageIdChanged()) {
                out.add("image " + image.reference() + (image.originalImageId() == null
                        ? ": its original image id cannot be known;"
                        : ": image id sha256:" + image.originalImageId() + " changed:")
                        + " written with a new config, image id sha256:" + image.writtenImageId());
            }
        }
        return List.copyOf(new ArrayList<>(out));
    }

    private static String layerWarning(RepackImage image, RepackLayer layer) {
        String was = layer.originalDiffId() == null ? "its original diff id is unknown"
                : layer.diffIdChanged() ? "diff id changed from sha256:" + layer.originalDiffId()
                : "same diff id as the original";
        return "layer " + layer.id() + " of " + image.reference() + " cannot be rebuilt exactly (" + layer.reason()
                + "): written as a tar of its folder, diff id sha256:" + layer.writtenDiffId() + " (" + was + ")";
    }
}
