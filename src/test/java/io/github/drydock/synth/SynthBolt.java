package io.github.drydock.synth;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a bbolt file with one top-level bucket of any size, as {@code volumes/metadata.db}: two meta
 * pages, the root leaf page naming the bucket, and the bucket's pairs on one leaf page that spills
 * over as many overflow pages as it needs (bbolt {@code page.go}: {@code overflow} counts the extra
 * pages). Keys must be sorted (a {@link java.util.TreeMap}).
 */
final class SynthBolt {
    private static final int PAGE = 4096;
    private static final int HEADER = 16;

    private SynthBolt() {
    }

    static Path write(Path file, String bucket, Map<String, byte[]> sortedPairs) {
        byte[] leaf = leaf(sortedPairs, false);
        int leafPages = (leaf.length + PAGE - 1) / PAGE;
        ByteBuffer b = ByteBuffer.allocate(PAGE * (3 + leafPages)).order(ByteOrder.LITTLE_ENDIAN);
        long maxPage = 3 + leafPages;
        meta(b, 0, maxPage, 10);
        meta(b, 1, maxPage, 9);
        byte[] bucketHeader = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(3).putLong(0).array();
        byte[] rootLeaf = leaf(Map.of(bucket, bucketHeader), true);
        b.put(2 * PAGE, rootLeaf);
        b.putLong(2 * PAGE, 2);
        b.put(3 * PAGE, leaf);
        b.putLong(3 * PAGE, 3);
        b.putInt(3 * PAGE + 12, leafPages - 1);
        return SynthIds.write(file, b.array());
    }

    private static void meta(ByteBuffer b, int page, long pgid, long txid) {
        int p = page * PAGE;
        b.putLong(p, page).putShort(p + 8, (short) 0x04);
        int m = p + HEADER;
        b.putInt(m, 0xED0CDAED).putInt(m + 4, 2).putInt(m + 8, PAGE).putInt(m + 12, 0);
        b.putLong(m + 16, 2).putLong(m + 24, 0).putLong(m + 32, 0).putLong(m + 40, pgid).putLong(m + 48, txid);
        long hash = 0xcbf29ce484222325L; // FNV-1a 64 over the first 56 bytes, as bbolt's meta checksum
        for (int i = 0; i < 56; i++) {
            hash = (hash ^ (b.get(m + i) & 0xff)) * 0x100000001b3L;
        }
        b.putLong(m + 56, hash);
    }

    private static byte[] leaf(Map<String, byte[]> pairs, boolean buckets) {
        int size = HEADER + pairs.size() * 16;
        for (Map.Entry<String, byte[]> e : pairs.entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().length;
        }
        ByteBuffer page = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        page.putShort(8, (short) 0x02).putShort(10, (short) pairs.size());
        int data = HEADER + pairs.size() * 16;
        int i = 0;
        for (Map.Entry<String, byte[]> e : pairs.entrySet()) {
            byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
            int element = HEADER + i * 16;
            page.putInt(element, buckets ? 1 : 0).putInt(element + 4, data - element)
                    .putInt(element + 8, key.length).putInt(element + 12, e.getValue().length);
            page.put(data, key);
            page.put(data + key.length, e.getValue());
            data += key.length + e.getValue().length;
            i++;
        }
        return page.array();
    }
}
