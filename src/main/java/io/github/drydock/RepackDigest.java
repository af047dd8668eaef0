package io.github.drydock;

import io.github.drydock.archive.Digests;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * The SHA-256 and size of bytes a writer produces, computed without keeping them: a first pass that
 * learns a new layer's diff id before its config can be written.
 *
 * @param hex  the digest, 64 hex
 * @param size the number of bytes
 */
record RepackDigest(String hex, long size) {
    /** Something that writes bytes into a stream. */
    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @param writer what produces the bytes
     * @return their digest and size
     * @throws IOException when the writer fails
     */
    static RepackDigest of(Writer writer) throws IOException {
        MessageDigest digest = Digests.sha256();
        long[] size = {0};
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                digest.update((byte) b);
                size[0]++;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                digest.update(bytes, offset, length);
                size[0] += length;
            }
        };
        writer.writeTo(sink);
        return new RepackDigest(Digests.hex(digest), size[0]);
    }
}
