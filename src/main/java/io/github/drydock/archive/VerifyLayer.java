package io.github.drydock.archive;

import java.util.Optional;

/**
 * The check of one layer of an image.
 *
 * @param index           the layer's position, 0 = base
 * @param layerId         the layer's id as recorded (modern roots: its chain id, the {@code layerdb/sha256/} folder name)
 * @param computedChainId the chain id computed from the config's diff ids up to this layer
 * @param diffId          the diff id the config records for this layer
 * @param rebuild         the rebuild of its tar from tar-split and layer folder, or null when it could not be tried
 * @param problem         what prevented or failed a check beyond the rebuild report, or empty
 */
public record VerifyLayer(int index, String layerId, String computedChainId, String diffId, LayerTarReport rebuild,
                          String problem) {
    /** Normalises the problem text. */
    public VerifyLayer {
        problem = problem == null ? "" : problem;
    }

    /** @return true when the chain id matches and the tar was rebuilt byte for byte */
    public boolean ok() {
        return problem.isEmpty() && chainIdMatches() && rebuild != null && rebuild.ok();
    }

    /** @return true when the recorded layer id equals the computed chain id */
    public boolean chainIdMatches() {
        return computedChainId != null && computedChainId.equals(layerId);
    }

    /** @return everything wrong with this layer, one sentence per line, or empty */
    public Optional<String> describe() {
        StringBuilder text = new StringBuilder();
        if (!problem.isEmpty()) {
            text.append("layer ").append(index).append(": ").append(problem).append('\n');
        }
        if (computedChainId != null && !chainIdMatches()) {
            text.append("layer ").append(index).append(": chain id sha256:").append(computedChainId)
                    .append(" computed from the config ≠ layer id ").append(layerId).append('\n');
        }
        if (rebuild != null) {
            rebuild.describe().ifPresent(d -> text.append(d).append('\n'));
        }
        return text.length() == 0 ? Optional.empty() : Optional.of(text.substring(0, text.length() - 1));
    }
}
