package io.github.drydock;

import io.github.drydock.archive.LayerTarMismatch;

import java.util.List;
import java.util.Objects;

/**
 * How one layer went into an archive written by {@link Repack}.
 *
 * @param id             the layer's id in the root: chain id (modern), legacy image id, or the container's
 *                       mount id for the layer a commit adds
 * @param originalDiffId the diff id Docker recorded or that the rebuild proved (64 hex); null when it cannot
 *                       be known (a legacy layer without tar-split whose diff id was never computed)
 * @param writtenDiffId  the SHA-256 of the tar written (64 hex)
 * @param size           the size of the tar written
 * @param exact          true when the tar is Docker's original, rebuilt byte for byte from its tar-split
 * @param added          true for the layer a commit adds (the container's own changes)
 * @param reason         when not exact: why (no tar-split, a changed file, ...); else empty
 * @param mismatches     the files that prevented an exact rebuild, with their path and what differs
 */
public record RepackLayer(String id, String originalDiffId, String writtenDiffId, long size, boolean exact,
                          boolean added, String reason, List<LayerTarMismatch> mismatches) {
    /** Validates and copies. */
    public RepackLayer {
        Objects.requireNonNull(writtenDiffId, "writtenDiffId");
        reason = reason == null ? "" : reason;
        mismatches = List.copyOf(mismatches);
    }

    /** @return true when a known original diff id differs from the written one */
    public boolean diffIdChanged() {
        return originalDiffId != null && !originalDiffId.equals(writtenDiffId);
    }
}
