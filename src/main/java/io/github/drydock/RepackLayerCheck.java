package io.github.drydock;

import io.github.drydock.archive.LayerTarMismatch;

import java.util.List;
import java.util.Objects;

/**
 * The integrity check of one layer of an image ({@link Repack#verify}).
 *
 * @param index           the layer's position, 0 = base
 * @param id              the layer's id (chain id, or legacy image id)
 * @param diffId          the diff id recorded for it (config or {@code .migration-diffid}), or null
 * @param status          the outcome
 * @param computedDiffId  the SHA-256 of the rebuilt tar, or null when it was not rebuilt
 * @param computedChainId the chain id computed from the config's diff ids (modern), or null
 * @param size            the size of the rebuilt tar, -1 when not rebuilt
 * @param mismatches      the files that differ from what Docker recorded, with their paths
 * @param problem         why the layer failed or could not be checked beyond the mismatches, or empty
 */
public record RepackLayerCheck(int index, String id, String diffId, Status status, String computedDiffId,
                               String computedChainId, long size, List<LayerTarMismatch> mismatches, String problem) {
    /** The outcome of a layer check. */
    public enum Status {
        /** Rebuilt byte for byte: every file matches its recorded CRC-64 and the tar its diff id. */
        OK,
        /** Something differs: a file, the digest, the chain id. */
        FAILED,
        /** No tar-split or no readable folder: nothing to compare with (not evidence of tampering). */
        UNVERIFIABLE
    }

    /** Validates and copies. */
    public RepackLayerCheck {
        Objects.requireNonNull(status, "status");
        mismatches = List.copyOf(mismatches);
        problem = problem == null ? "" : problem;
    }
}
