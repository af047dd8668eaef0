package io.github.drydock.archive;

import java.util.zip.Checksum;

/**
 * CRC-64/ISO as tar-split stores it for every file payload: Go's {@code hash/crc64} with
 * {@code crc64.MakeTable(crc64.ISO)} (vbatts/tar-split {@code tar/storage/getter.go} {@code CRCTable}).
 * The polynomial {@code 0xD800000000000000} is used reflected, with initial value and final XOR all
 * ones. Check value: CRC of ASCII {@code 123456789} is {@code 0xB90956C775A41001}.
 *
 * <p>Long inputs are processed eight bytes at a time ("slicing by 8", as Go does) because layers can
 * hold files of many gigabytes. Not thread-safe.
 */
public final class TarSplitCrc64 implements Checksum {
    /** The reflected ISO 3309 polynomial. */
    public static final long POLYNOMIAL = 0xD800000000000000L;
    private static final long[][] TABLES = makeTables();

    private long crc;

    /** Starts a new checksum over no bytes. */
    public TarSplitCrc64() {
        reset();
    }

    @Override
    public void update(int b) {
        long c = ~crc;
        c = TABLES[0][(int) ((c ^ b) & 0xff)] ^ (c >>> 8);
        crc = ~c;
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        long c = ~crc;
        int i = offset;
        int end = offset + length;
        while (end - i >= 8) {
            c ^= (bytes[i] & 0xffL) | (bytes[i + 1] & 0xffL) << 8 | (bytes[i + 2] & 0xffL) << 16
                    | (bytes[i + 3] & 0xffL) << 24 | (bytes[i + 4] & 0xffL) << 32 | (bytes[i + 5] & 0xffL) << 40
                    | (bytes[i + 6] & 0xffL) << 48 | (bytes[i + 7] & 0xffL) << 56;
            c = TABLES[7][(int) (c & 0xff)] ^ TABLES[6][(int) ((c >>> 8) & 0xff)]
                    ^ TABLES[5][(int) ((c >>> 16) & 0xff)] ^ TABLES[4][(int) ((c >>> 24) & 0xff)]
                    ^ TABLES[3][(int) ((c >>> 32) & 0xff)] ^ TABLES[2][(int) ((c >>> 40) & 0xff)]
                    ^ TABLES[1][(int) ((c >>> 48) & 0xff)] ^ TABLES[0][(int) (c >>> 56)];
            i += 8;
        }
        for (; i < end; i++) {
            c = TABLES[0][(int) ((c ^ bytes[i]) & 0xff)] ^ (c >>> 8);
        }
        crc = ~c;
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

    private static long[][] makeTables() {
        long[][] tables = new long[8][256];
        for (int i = 0; i < 256; i++) {
            long c = i;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) == 1 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1;
            }
            tables[0][i] = c;
        }
        for (int i = 0; i < 256; i++) {
            for (int k = 1; k < 8; k++) {
                long previous = tables[k - 1][i];
                tables[k][i] = (previous >>> 8) ^ tables[0][(int) (previous & 0xff)];
            }
        }
        return tables;
    }
}
