package io.github.drydock.synth;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * File bytes without the cost of a random generator per file: a 1 MiB pool of seeded random bytes,
 * and each file is a window of it chosen by its key. Files of the same key and size have equal bytes.
 */
final class SynthContent {
    private static final int POOL = 1 << 20;
    private final byte[] pool = new byte[POOL + 256 * 1024];

    SynthContent(long seed) {
        new Random(seed).nextBytes(pool);
    }

    /**
     * @param key  the file's key
     * @param size at most 256 KiB
     * @return a read-only window of the pool (array-backed)
     */
    ByteBuffer slice(long key, int size) {
        if (size > pool.length - POOL) {
            throw new IllegalArgumentException("slice too big: " + size);
        }
        int offset = (int) Math.floorMod(key * 0x9E3779B97F4A7C15L, (long) POOL);
        return ByteBuffer.wrap(pool, offset, size);
    }
}
