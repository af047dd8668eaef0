package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;

import java.nio.file.Path;

/**
 * A layer tar could not be rebuilt byte-exactly while it was being written: a file changed, is missing,
 * or the whole stream hashes differently from the recorded diff id. Bytes already written to the
 * caller's stream are not a valid layer; discard them.
 */
public class LayerTarException extends DockerStorageException {
    private final transient LayerTarReport report;

    /**
     * @param report   what was found up to the failure
     * @param tarSplit the tar-split file of the layer
     */
    public LayerTarException(LayerTarReport report, Path tarSplit) {
        super(report.describe().orElse("layer rebuild failed") + " (tar-split " + tarSplit + ")", tarSplit);
        this.report = report;
    }

    /** @return what was found up to the failure */
    public LayerTarReport report() {
        return report;
    }
}
