package io.github.drydock.archive;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TarSplitCrc64Test {
    /** The definition, one bit at a time: what every faster path must equal. */
    private static long reference(byte[] bytes, int offset, int length) {
        long c = ~0L;
        for (int i = offset; i < offset + length; i++) {
            c ^= bytes[i] & 0xffL;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ TarSplitCrc64.POLYNOMIAL : c >>> 1;
            }
        }
        return ~c;
    }

    private static long fast(byte[] bytes, int offset, int length) {
        TarSplitCrc64 crc = new TarSplitCrc64();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    @Test
    void keepsTheIsoCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(fast(check, 0, check.length)).isEqualTo(0xB90956C775A41001L).isEqualTo(reference(check, 0, 9));
    }

    @Test
    void equalsTheBitwiseDefinitionForEveryShortLengthAtEveryUnalignedOffset() {
        byte[] data = new byte[64];
        new Random(11).nextBytes(data);
        for (int offset = 0; offset < 9; offset++) {
            for (int length = 0; length <= 17; length++) {
                assertThat(fast(data, offset, length)).as("offset %d length %d", offset, length)
                        .isEqualTo(reference(data, offset, length));
            }
        }
        assertThat(fast(data, 5, 0)).isZero();
    }

    @Test
    void equalsTheBitwiseDefinitionOnRandomLengthsOffsetsAndSplits() {
        Random random = new Random(5);
        byte[] data = new byte[3 * TarSplitCrc64.ZERO_BLOCK + 77];
        random.nextBytes(data);
        for (int round = 0; round < 200; round++) {
            int offset = random.nextInt(40);
            int length = random.nextInt(data.length - offset);
            int split = random.nextInt(length + 1);
            TarSplitCrc64 crc = new TarSplitCrc64();
            crc.update(data, offset, split);
            crc.update(data, offset + split, length - split);
            assertThat(crc.getValue()).as("offset %d length %d split %d", offset, length, split)
                    .isEqualTo(reference(data, offset, length));
        }
    }

    @Test
    void zeroRunsBetweenDataGiveTheSameCrcAsFeedingEveryByte() {
        int block = TarSplitCrc64.ZERO_BLOCK;
        Random random = new Random(9);
        byte[] data = new byte[10 * block + 13];
        // data, then zero blocks, a lone non-zero byte deep in a block, more zeros, and a ragged end
        random.nextBytes(data);
        java.util.Arrays.fill(data, 100, 6 * block + 5, (byte) 0);
        data[4 * block + 1000] = 1;
        java.util.Arrays.fill(data, 7 * block, data.length - 3, (byte) 0);
        for (int offset : new int[] {0, 1, 7, 100, block - 1}) {
            int length = data.length - offset;
            assertThat(fast(data, offset, length)).as("offset %d", offset).isEqualTo(reference(data, offset, length));
        }
        byte[] zeros = new byte[5 * block + 3];
        assertThat(fast(zeros, 0, zeros.length)).isEqualTo(reference(zeros, 0, zeros.length)).isNotZero();
    }

    @Test
    void updateZerosEqualsFeedingThatManyZeroBytes() {
        byte[] prefix = "layer\n".getBytes(StandardCharsets.US_ASCII);
        for (int count : new int[] {0, 1, 7, 8, 9, 4095, 4096, 100_000}) {
            byte[] whole = new byte[prefix.length + count];
            System.arraycopy(prefix, 0, whole, 0, prefix.length);
            TarSplitCrc64 crc = new TarSplitCrc64();
            crc.update(prefix, 0, prefix.length);
            crc.updateZeros(count);
            assertThat(crc.getValue()).as("%d zeros", count).isEqualTo(reference(whole, 0, whole.length));
        }
        assertThatThrownBy(() -> new TarSplitCrc64().updateZeros(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHugeZeroRunStaysExactAndQuick() {
        // 2^40 zero bytes, then one byte: checked against composing smaller runs, which the test above ties to bytes
        TarSplitCrc64 big = new TarSplitCrc64();
        big.updateZeros(1L << 40);
        TarSplitCrc64 halves = new TarSplitCrc64();
        halves.updateZeros(1L << 39);
        halves.updateZeros(1L << 39);
        assertThat(big.getValue()).isEqualTo(halves.getValue());
        TarSplitCrc64 max = new TarSplitCrc64();
        max.updateZeros(Long.MAX_VALUE);
        assertThat(max.getValue()).isNotEqualTo(big.getValue());
    }

    @Test
    void outOfRangeSlicesAreRefused() {
        assertThatThrownBy(() -> new TarSplitCrc64().update(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
