package io.github.drydock.archive;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.Checksum;

/**
 * CRC-64/ISO as tar-split stores it for every file payload: Go's {@code hash/crc64} with
 * {@code crc64.MakeTable(crc64.ISO)} (vbatts/tar-split {@code tar/storage/getter.go} {@code CRCTable}).
 * The polynomial {@code 0xD800000000000000} is used reflected, with initial value and final XOR all
 * ones. Check value: CRC of ASCII {@code 123456789} is {@code 0xB90956C775A41001}.
 *
 * <p>Layers can hold files of many gigabytes, so long inputs are processed eight bytes at a time
 * ("slicing by 8", as Go does), each 8-byte word read with one little-endian load from a single flat
 * table, and each 4 KiB block as two interleaved halves whose CRCs are joined afterwards, so the two
 * chains of table lookups overlap (measured on a 2-core EPYC: 1.0–1.3 GB/s before, 2.7 GB/s with two
 * lanes; four lanes and slicing by 16 measured no faster). Runs of zero bytes (sparse files read as
 * zeros) are recognised with a vectorised compare and folded in with one multiplication by
 * {@code x^(8n) mod P} instead of being fed through the tables: the result is the same CRC, exactly.
 * Not thread-safe.
 */
public final class TarSplitCrc64 implements Checksum {
    /** The reflected ISO 3309 polynomial. */
    public static final long POLYNOMIAL = 0xD800000000000000L;
    /** Zero runs are looked for in blocks of this size; shorter inputs go straight through the tables. */
    static final int ZERO_BLOCK = 4096;
    private static final int SLICES = 8;
    /** {@code TABLE[k * 256 + b]}: the CRC register contribution of byte {@code b} followed by {@code k} zero bytes. */
    private static final long[] TABLE = makeTable();
    /** {@code X2N[k]} = {@code x^(2^k) mod P}, reflected: the powers the zero-run operator is built from. */
    private static final long[] X2N = makeX2n();
    private static final byte[] ZEROS = new byte[ZERO_BLOCK];
    /** {@code x^(8 * ZERO_BLOCK / 2) mod P}: moves a register past half a block of bytes. */
    private static final long HALF_BLOCK_SHIFT = shiftZeros(1L << 63, ZERO_BLOCK / 2);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private long crc;

    /** Starts a new checksum over no bytes. */
    public TarSplitCrc64() {
        reset();
    }

    @Override
    public void update(int b) {
        long c = ~crc;
        c = TABLE[(int) ((c ^ b) & 0xff)] ^ (c >>> 8);
        crc = ~c;
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        long c = ~crc;
        int i = offset;
        int end = offset + length;
        long zeros = 0;
        while (end - i >= ZERO_BLOCK) {
            if (Arrays.mismatch(bytes, i, i + ZERO_BLOCK, ZEROS, 0, ZERO_BLOCK) < 0) {
                zeros += ZERO_BLOCK;
            } else {
                c = zeros == 0 ? c : shiftZeros(c, zeros);
                zeros = 0;
                c = block(c, bytes, i);
            }
            i += ZERO_BLOCK;
        }
        c = zeros == 0 ? c : shiftZeros(c, zeros);
        crc = ~slice(c, bytes, i, end);
    }

    /**
     * Extends the checksum by {@code count} zero bytes without touching them one by one.
     *
     * @param count how many zero bytes follow the data seen so far (not negative)
     */
    public void updateZeros(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        crc = ~shiftZeros(~crc, count);
    }

    /**
     * Feeds the {@link #ZERO_BLOCK} bytes at {@code from} into the raw register {@code c} as two independent
     * halves, interleaved so the processor works on both table lookup chains at once, then joins them:
     * by linearity, feeding {@code A B} from {@code c} equals {@code (feed(c, A) * x^(8|B|)) xor feed(0, B)}.
     */
    private static long block(long c, byte[] bytes, int from) {
        long[] t = TABLE;
        long d = 0;
        int half = ZERO_BLOCK / 2;
        for (int i = from, end = from + half; i < end; i += SLICES) {
            c ^= (long) LONGS.get(bytes, i);
            d ^= (long) LONGS.get(bytes, i + half);
            c = t[7 * 256 + (int) (c & 0xff)] ^ t[6 * 256 + (int) ((c >>> 8) & 0xff)]
                    ^ t[5 * 256 + (int) ((c >>> 16) & 0xff)] ^ t[4 * 256 + (int) ((c >>> 24) & 0xff)]
                    ^ t[3 * 256 + (int) ((c >>> 32) & 0xff)] ^ t[2 * 256 + (int) ((c >>> 40) & 0xff)]
                    ^ t[256 + (int) ((c >>> 48) & 0xff)] ^ t[(int) (c >>> 56)];
            d = t[7 * 256 + (int) (d & 0xff)] ^ t[6 * 256 + (int) ((d >>> 8) & 0xff)]
                    ^ t[5 * 256 + (int) ((d >>> 16) & 0xff)] ^ t[4 * 256 + (int) ((d >>> 24) & 0xff)]
                    ^ t[3 * 256 + (int) ((d >>> 32) & 0xff)] ^ t[2 * 256 + (int) ((d >>> 40) & 0xff)]
                    ^ t[256 + (int) ((d >>> 48) & 0xff)] ^ t[(int) (d >>> 56)];
        }
        return multiply(HALF_BLOCK_SHIFT, c) ^ d;
    }

    /** Feeds {@code bytes[from, to)} into the raw register {@code c} (no inversion). */
    private static long slice(long c, byte[] bytes, int from, int to) {
        long[] t = TABLE;
        int i = from;
        while (to - i >= SLICES) {
            c ^= (long) LONGS.get(bytes, i);
            c = t[7 * 256 + (int) (c & 0xff)] ^ t[6 * 256 + (int) ((c >>> 8) & 0xff)]
                    ^ t[5 * 256 + (int) ((c >>> 16) & 0xff)] ^ t[4 * 256 + (int) ((c >>> 24) & 0xff)]
                    ^ t[3 * 256 + (int) ((c >>> 32) & 0xff)] ^ t[2 * 256 + (int) ((c >>> 40) & 0xff)]
                    ^ t[256 + (int) ((c >>> 48) & 0xff)] ^ t[(int) (c >>> 56)];
            i += SLICES;
        }
        for (; i < to; i++) {
            c = t[(int) ((c ^ bytes[i]) & 0xff)] ^ (c >>> 8);
        }
        return c;
    }

    /**
     * The raw register after {@code count} zero bytes: {@code c * x^(8 count) mod P} (as zlib's
     * {@code crc32_combine} does for CRC-32), built from the precomputed powers {@code x^(2^k)}.
     */
    static long shiftZeros(long c, long count) {
        long n = count;
        int k = 3; // x^(8n) = x^(n * 2^3)
        while (n != 0) {
            if ((n & 1) != 0) {
                c = multiply(X2N[k], c);
            }
            n >>>= 1;
            k++;
        }
        return c;
    }

    /** Multiplies two polynomials modulo P, both in the reflected representation (bit 63 is x^0). */
    private static long multiply(long a, long b) {
        long m = 1L << 63;
        long p = 0;
        while (m != 0) {
            if ((a & m) != 0) {
                p ^= b;
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ POLYNOMIAL : b >>> 1;
        }
        return p;
    }

    @Override
    public long getValue() {
        return crc;
    }

    @Override
    public void reset() {
        crc = 0L;
    }

    /** @return the value as the 8 big-endian bytes tar-split stores in {@code payload} */
    public byte[] toBytes() {
        return toBytes(crc);
    }

    /**
     * @param value a CRC value
     * @return its 8 big-endian bytes
     */
    public static byte[] toBytes(long value) {
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (value >>> (56 - 8 * i));
        }
        return out;
    }

    /**
     * @param bytes 8 big-endian bytes
     * @return the CRC value they hold
     */
    public static long fromBytes(byte[] bytes) {
        if (bytes.length != 8) {
            throw new IllegalArgumentException("a CRC-64 has 8 bytes, not " + bytes.length);
        }
        long value = 0;
        for (byte b : bytes) {
            value = value << 8 | (b & 0xff);
        }
        return value;
    }

    /**
     * @param value a CRC value
     * @return it as 16 hex digits, for messages
     */
    public static String format(long value) {
        return String.format("%016x", value);
    }

    private static long[] makeTable() {
        long[] table = new long[SLICES * 256];
        for (int i = 0; i < 256; i++) {
            long c = i;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) == 1 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1;
            }
            table[i] = c;
        }
        for (int k = 1; k < SLICES; k++) {
            for (int i = 0; i < 256; i++) {
                long previous = table[(k - 1) * 256 + i];
                table[k * 256 + i] = (previous >>> 8) ^ table[(int) (previous & 0xff)];
            }
        }
        return table;
    }

    private static long[] makeX2n() {
        long[] powers = new long[3 + 63]; // count < 2^63, and it starts at x^(2^3)
        long p = 1L << 62; // x^1
        powers[0] = p;
        for (int k = 1; k < powers.length; k++) {
            p = multiply(p, p);
            powers[k] = p;
        }
        return powers;
    }
}
