package io.github.drydock.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The integrity check of one image: config digest, chain ids and byte-exact layer rebuilds.
 *
 * @param imageId         the image id the config is stored under (64 hex)
 * @param computedImageId the SHA-256 of the config bytes
 * @param layers          the check of each layer, base first
 * @param problems        image-level problems (unparsable config, layer count mismatch), empty when none
 */
public record VerifyReport(String imageId, String computedImageId, List<VerifyLayer> layers, List<String> problems) {
    /** Copies defensively. */
    public VerifyReport {
        layers = List.copyOf(layers);
        problems = List.copyOf(problems);
    }

    /** @return true when the config hashes to the image id, there are no problems and every layer is ok */
    public boolean ok() {
        return imageId.equals(computedImageId) && problems.isEmpty() && layers.stream().allMatch(VerifyLayer::ok);
    }

    /** @return the files that differ from the recorded layers, over all layers, in layer order */
    public List<LayerTarMismatch> mismatches() {
        List<LayerTarMismatch> all = new ArrayList<>();
        layers.stream().filter(l -> l.rebuild() != null).forEach(l -> all.addAll(l.rebuild().mismatches()));
        return all;
    }

    /** @return everything wrong, one sentence per line, prefixed with the image id; empty when ok */
    public Optional<String> describe() {
        if (ok()) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        if (!imageId.equals(computedImageId)) {
            lines.add("config digest sha256:" + computedImageId + " ≠ image id sha256:" + imageId);
        }
        lines.addAll(problems);
        layers.forEach(l -> l.describe().ifPresent(d -> lines.addAll(d.lines().toList())));
        return Optional.of(String.join("\n", lines.stream().map(l -> "image sha256:" + imageId + ": " + l).toList()));
    }
}
