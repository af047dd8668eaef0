package io.github.drydock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the smallest bbolt file Docker's volume store would: two meta pages, a root leaf page
 * holding one top-level bucket, and that bucket's pairs either inline in the bucket value (as bbolt
 * stores small buckets) or on a page of their own. Format as in bbolt {@code page.go}/{@code db.go}.
 */
public final class BoltFileWriter {
    private static final int PAGE = 4096;

    private BoltFileWriter() {
    }

    /**
     * @param file   the file to write
     * @param bucket the bucket name
     * @param pairs  key → value
     * @param inline true to store the pairs inline in the bucket value
     * @return the file
     */
    public static Path write(Path file, String bucket, Map<String, String> pairs, boolean inline) {
        ByteBuffer b = ByteBuffer.allocate(PAGE * 5).order(ByteOrder.LITTLE_ENDIAN);
        meta(b, 0, 2, 4, 10);
        meta(b, 1, 2, 4, 9);
        byte[] leaf = leafPage(new TreeMap<>(pairs));
        ByteBuffer header = ByteBuffer.allocate(16 + (inline ? leaf.length : 0)).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(inline ? 0 : 3).putLong(0);
        if (inline) {
            header.put(leaf);
        } else {
            b.put(3 * PAGE, leaf);
            b.putLong(3 * PAGE, 3);
        }
        byte[] root = leafPage(Map.of(bucket, new String(header.array(), StandardCharsets.ISO_8859_1)), true);
        b.put(2 * PAGE, root);
        b.putLong(2 * PAGE, 2);
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void meta(ByteBuffer b, int page, long root, long pgid, long txid) {
        int p = page * PAGE;
        b.putLong(p, page).putShort(p + 8, (short) 0x04);
        int m = p + 16;
        b.putInt(m, 0xED0CDAED).putInt(m + 4, 2).putInt(m + 8, PAGE).putInt(m + 12, 0);
        b.putLong(m + 16, root).putLong(m + 24, 0).putLong(m + 32, 4).putLong(m + 40, pgid).putLong(m + 48, txid);
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < 56; i++) {
            hash = (hash ^ (b.get(m + i) & 0xff)) * 0x100000001b3L;
        }
        b.putLong(m + 56, hash);
    }

    private static byte[] leafPage(Map<String, String> pairs) {
        return leafPage(pairs, false);
    }

    /** Values of bucket elements are given as ISO-8859-1 text to carry raw bytes. */
    private static byte[] leafPage(Map<String, String> pairs, boolean buckets) {
        int count = pairs.size();
        ByteBuffer page = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
        page.putShort(8, (short) 0x02).putShort(10, (short) count);
        int data = 16 + count * 16;
        int i = 0;
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = e.getValue().getBytes(buckets ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            int element = 16 + i * 16;
            page.putInt(element, buckets ? 1 : 0).putInt(element + 4, data - element)
                    .putInt(element + 8, key.length).putInt(element + 12, value.length);
            page.put(data, key);
            page.put(data + key.length, value);
            data += key.length + value.length;
            i++;
        }
        byte[] bytes = new byte[data];
        page.get(0, bytes);
        return bytes;
    }
}
