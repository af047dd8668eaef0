package io.github.drydock.archive;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of rebuilding one layer tar from its tar-split and layer folder.
 *
 * @param expectedDiffId the diff id the tar must hash to (64 hex), or null when it was not known
 * @param computedDiffId the SHA-256 of the bytes produced (64 hex); when a file mismatched, this is the
 *                       digest of what was produced with the files as they are now
 * @param size           the number of bytes produced
 * @param mismatches     the files that differ from what the tar-split recorded, in tar order
 */
public record LayerTarReport(String expectedDiffId, String computedDiffId, long size,
                             List<LayerTarMismatch> mismatches) {
    /** Copies the list defensively. */
    public LayerTarReport {
        mismatches = List.copyOf(mismatches);
    }

    /** @return true when every file matched and the digest equals the expected diff id (if one was given) */
    public boolean ok() {
        return mismatches.isEmpty() && digestMatches();
    }

    /** @return true unless an expected diff id was given and the produced bytes hash differently */
    public boolean digestMatches() {
        return expectedDiffId == null || expectedDiffId.equals(computedDiffId);
    }

    /**
     * @return every problem as one sentence per line, e.g. {@code layer sha256:…: file usr/bin/x missing},
     *         or empty when the layer is ok
     */
    public Optional<String> describe() {
        if (ok()) {
            return Optional.empty();
        }
        String layer = "layer " + Digests.SHA256_PREFIX + (expectedDiffId == null ? computedDiffId : expectedDiffId);
        StringBuilder text = new StringBuilder();
        for (LayerTarMismatch mismatch : mismatches) {
            text.append(layer).append(": ").append(mismatch.message()).append('\n');
        }
        if (!digestMatches()) {
            text.append(layer).append(": layer digest ").append(Digests.SHA256_PREFIX).append(computedDiffId)
                    .append(" ≠ recorded diff id ").append(Digests.SHA256_PREFIX).append(expectedDiffId).append('\n');
        }
        return Optional.of(text.substring(0, text.length() - 1));
    }
}
