package io.github.drydock.archive;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@link SaveWriter} writes.
 *
 * @param format   the archive layout
 * @param fallback what makes a layer tar that cannot be rebuilt exactly, or null to fail instead (strict)
 * @param spoolDir where fallback tars are spooled before they are written (their size and digest must be
 *                 known first), or null for the target's own folder (file and folder targets) or the
 *                 system temp folder (stream targets)
 */
public record SaveOptions(SaveFormat format, LayerFallback fallback, Path spoolDir) {
    /** Validates the format. */
    public SaveOptions {
        Objects.requireNonNull(format, "format");
    }

    /** @return the Docker 1.10–24 layout, strict */
    public static SaveOptions docker() {
        return new SaveOptions(SaveFormat.DOCKER, null, null);
    }

    /** @return the OCI layout (Docker 25+ style), strict */
    public static SaveOptions oci() {
        return new SaveOptions(SaveFormat.OCI, null, null);
    }

    /**
     * @param layerFallback what makes a layer tar that cannot be rebuilt exactly
     * @return these options with that fallback
     */
    public SaveOptions withFallback(LayerFallback layerFallback) {
        return new SaveOptions(format, layerFallback, spoolDir);
    }
}
