package io.github.drydock.archive;

import java.io.IOException;

/** Where archive members go: a tar stream or a folder. */
interface SaveSink {
    /**
     * Writes one member; members come in archive order.
     *
     * @param entry the member
     * @throws IOException when it cannot be written
     */
    void write(SaveEntry entry) throws IOException;

    /**
     * Completes the archive (end-of-archive blocks, folder times).
     *
     * @throws IOException when that fails
     */
    void finish() throws IOException;

    /** @return the bytes written so far */
    long bytes();
}
