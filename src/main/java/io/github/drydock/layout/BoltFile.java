package io.github.drydock.layout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A read-only reader of one top-level bucket of a bbolt database ({@code go.etcd.io/bbolt}), enough
 * for {@code volumes/metadata.db}. The file is read whole (it is refused over
 * {@link MetadataFile#MAX_BYTES}); nothing is written or locked.
 *
 * <p>Format (bbolt {@code page.go}, {@code db.go}, {@code bucket.go}): every page starts with a
 * 16-byte header {@code id u64, flags u16, count u16, overflow u32}, little-endian. Pages 0 and 1 are
 * meta pages ({@code magic 0xED0CDAED, version 2, pageSize, flags, root bucket {root pgid, sequence},
 * freelist, pgid, txid, checksum}); the valid one with the higher txid wins. A branch element is
 * {@code pos u32, ksize u32, pgid u64}, a leaf element {@code flags u32, pos u32, ksize u32, vsize u32}
 * with {@code pos} counted from the element itself; leaf flag 1 marks a sub-bucket whose value is
 * {@code root pgid u64, sequence u64}, followed by an inline page when the root is 0.
 */
final class BoltFile {
    private static final int MAGIC = 0xED0CDAED;
    private static final int VERSION = 2;
    private static final int PAGE_HEADER = 16;
    private static final int ELEMENT = 16;
    private static final int BUCKET_HEADER = 16;
    private static final int BRANCH_PAGE = 0x01;
    private static final int LEAF_PAGE = 0x02;
    private static final int META_PAGE = 0x04;
    private static final int BUCKET_LEAF = 0x01;
    private static final int META_CHECKSUMMED_BYTES = 56;
    private static final int MAX_DEPTH = 64;

    private final ByteBuffer data;
    private final int pageSize;

    private BoltFile(ByteBuffer data, int pageSize) {
        this.data = data;
        this.pageSize = pageSize;
    }

    /**
     * Reads the plain key/value pairs of a top-level bucket (nested buckets are skipped).
     *
     * @param file   the database
     * @param bucket the bucket name
     * @return key → value in key order; empty when the bucket does not exist
     * @throws IOException when the file is no bbolt database or is damaged
     */
    static Map<String, byte[]> bucket(Path file, String bucket) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(MetadataFile.readBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long[] best = null;
        for (int size : new int[] {4096, 8192, 16384, 32768, 65536}) {
            for (long offset : new long[] {0, size}) {
                long[] meta = meta(data, offset);
                if (meta != null && meta[0] == size && (best == null || meta[2] > best[2])) {
                    best = meta;
                }
            }
        }
        if (best == null) {
            throw new IOException("not a bbolt database (no valid meta page)");
        }
        BoltFile bolt = new BoltFile(data, (int) best[0]);
        Map<String, byte[]> top = new LinkedHashMap<>();
        Map<String, byte[]> buckets = new LinkedHashMap<>();
        bolt.collect(bolt.pageOffset(best[1]), top, buckets, new HashSet<>(), 0);
        byte[] header = buckets.get(bucket);
        Map<String, byte[]> result = new LinkedHashMap<>();
        if (header == null) {
            return result;
        }
        ByteBuffer value = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long root = value.getLong(0);
        if (root == 0) { // inline bucket: its only page follows the 16-byte bucket header
            BoltFile inline = new BoltFile(value, bolt.pageSize);
            inline.check(BUCKET_HEADER, PAGE_HEADER);
            inline.collect(BUCKET_HEADER, result, new LinkedHashMap<>(), new HashSet<>(), 0);
        } else {
            bolt.collect(bolt.pageOffset(root), result, new LinkedHashMap<>(), new HashSet<>(), 0);
        }
        return result;
    }

    /** @return {pageSize, root pgid, txid} of a valid meta page at {@code offset}, or null */
    private static long[] meta(ByteBuffer data, long offset) {
        if (offset + PAGE_HEADER + META_CHECKSUMMED_BYTES + 8 > data.limit()) {
            return null;
        }
        int base = (int) offset;
        int m = base + PAGE_HEADER;
        if ((data.getShort(base + 8) & META_PAGE) == 0 || data.getInt(m) != MAGIC || data.getInt(m + 4) != VERSION) {
            return null;
        }
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < META_CHECKSUMMED_BYTES; i++) {
            hash = (hash ^ (data.get(m + i) & 0xff)) * 0x100000001b3L;
        }
        if (hash != data.getLong(m + META_CHECKSUMMED_BYTES)) {
            return null;
        }
        return new long[] {Integer.toUnsignedLong(data.getInt(m + 8)), data.getLong(m + 16), data.getLong(m + 48)};
    }

    private int pageOffset(long pgid) throws IOException {
        long offset = pgid * pageSize;
        if (pgid < 2 || offset + PAGE_HEADER > data.limit()) {
            throw new IOException("page " + pgid + " lies outside the file");
        }
        return (int) offset;
    }

    /** Walks a B+tree page: leaves give values (or sub-bucket headers), branches recurse. */
    private void collect(int page, Map<String, byte[]> values, Map<String, byte[]> buckets, Set<Integer> seen,
                         int depth) throws IOException {
        if (depth > MAX_DEPTH || !seen.add(page)) {
            throw new IOException("page cycle or tree deeper than " + MAX_DEPTH);
        }
        int flags = data.getShort(page + 8) & 0xffff;
        int count = data.getShort(page + 10) & 0xffff;
        for (int i = 0; i < count; i++) {
            int element = page + PAGE_HEADER + i * ELEMENT;
            check(element, ELEMENT);
            if ((flags & BRANCH_PAGE) != 0) {
                collect(pageOffset(data.getLong(element + 8)), values, buckets, seen, depth + 1);
            } else if ((flags & LEAF_PAGE) != 0) {
                int pos = data.getInt(element + 4);
                int keySize = data.getInt(element + 8);
                int valueSize = data.getInt(element + 12);
                String key = new String(slice(element + (long) pos, keySize), StandardCharsets.UTF_8);
                byte[] value = slice(element + (long) pos + keySize, valueSize);
                ((data.getInt(element) & BUCKET_LEAF) != 0 ? buckets : values).put(key, value);
            } else {
                throw new IOException("page at byte " + page + " is neither branch nor leaf");
            }
        }
    }

    private byte[] slice(long offset, int length) throws IOException {
        check(offset, length);
        byte[] bytes = new byte[length];
        data.get((int) offset, bytes);
        return bytes;
    }

    private void check(long offset, long length) throws IOException {
        if (offset < 0 || length < 0 || offset + length > data.limit()) {
            throw new IOException("element at byte " + offset + " runs past the end of the file");
        }
    }

}
