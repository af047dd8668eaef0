package io.github.drydock.archive;

import java.util.List;
import java.util.Objects;

/**
 * How one layer went into an archive.
 *
 * @param originalDiffId the diff id recorded in the image config (64 hex)
 * @param writtenDiffId  the digest of the tar written (64 hex); equal to the original when exact
 * @param size           the size of the tar written
 * @param exact          true when the original tar was rebuilt byte for byte from its tar-split
 * @param mismatches     when not exact: the files that prevented an exact rebuild (may be empty, see reason)
 * @param reason         when not exact: why the fallback was used, else empty
 */
public record SaveLayerResult(String originalDiffId, String writtenDiffId, long size, boolean exact,
                              List<LayerTarMismatch> mismatches, String reason) {
    /** Validates and copies. */
    public SaveLayerResult {
        Objects.requireNonNull(originalDiffId, "originalDiffId");
        Objects.requireNonNull(writtenDiffId, "writtenDiffId");
        mismatches = List.copyOf(mismatches);
        reason = reason == null ? "" : reason;
    }

    /** @return true when the written tar has another digest than the recorded diff id */
    public boolean diffIdChanged() {
        return !originalDiffId.equals(writtenDiffId);
    }
}
