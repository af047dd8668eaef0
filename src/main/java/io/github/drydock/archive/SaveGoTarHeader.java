package io.github.drydock.archive;

import io.github.drydock.model.FileNames;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Serialises a tar header exactly as Go's {@code archive/tar} writer does for the headers moby's
 * {@code pkg/archive} fills ({@code Format = FormatPAX}, which still lets Go pick USTAR when everything fits):
 * USTAR with every number zero-padded and NUL-terminated, a long ASCII name split into prefix and name, and
 * only when USTAR cannot hold the header (a non-ASCII or unsplittable name, a long or non-ASCII link target,
 * big ids or size, a negative time, extended attributes) a PAX {@code x} member named
 * {@code <dir>/PaxHeaders.0/<name>} with its records sorted by key, followed by a header whose fields are
 * made ASCII and cut to fit. Go sources: {@code archive/tar/writer.go} ({@code writeUSTARHeader},
 * {@code writePAXHeader}, {@code writeRawFile}, {@code templateV7Plus}), {@code common.go}
 * ({@code allowedFormats}), {@code strconv.go} ({@code formatOctal}, {@code formatString}).
 *
 * <p>The same headers from the same fields give the same bytes as Docker, so a layer written from an
 * unchanged folder can hash to Docker's own diff id.
 */
final class SaveGoTarHeader {
    private static final int BLOCK = 512;
    private static final int NAME = 100;
    private static final int PREFIX = 155;
    private static final int OWNER_NAME = 32;
    private static final String PAX_DIR = "PaxHeaders.0";

    private SaveGoTarHeader() {
    }

    /**
     * @param entry  the header fields (as {@link TarEntryMapper#toTarEntry} fills them)
     * @param binary raw-valued PAX records ({@link TarEntryMapper#binaryPaxRecords}), usually empty
     * @return the header block, preceded by a PAX member when one is needed
     */
    static byte[] encode(TarArchiveEntry entry, Map<String, byte[]> binary) {
        String name = entry.getName();
        String link = entry.getLinkName() == null ? "" : entry.getLinkName();
        long mtime = entry.getLastModifiedTime() == null ? 0 : entry.getLastModifiedTime().to(TimeUnit.SECONDS);
        String[] parts = split(name);
        boolean asciiName = isAscii(name);
        boolean asciiLink = isAscii(link);
        if (binary.isEmpty() && asciiName && (name.length() <= NAME || parts != null) && asciiLink
                && link.length() <= NAME && fitsOwner(entry.getUserName()) && fitsOwner(entry.getGroupName())
                && fitsOctal(8, entry.getLongUserId()) && fitsOctal(8, entry.getLongGroupId())
                && fitsOctal(12, entry.getSize()) && fitsOctal(12, mtime)) {
            // USTAR holds it all (nearly every member): the block alone, made without a PAX map
            return block(entry, parts == null ? name : parts[1], parts == null ? "" : parts[0], link, mtime);
        }
        Map<String, byte[]> pax = new TreeMap<>(binary);
        if (!asciiName || name.length() > NAME && parts == null) {
            pax.put("path", utf8(name));
        }
        if (!asciiLink || utf8(link).length > NAME) {
            pax.put("linkpath", utf8(link));
        }
        stringRecord(pax, "uname", entry.getUserName());
        stringRecord(pax, "gname", entry.getGroupName());
        numberRecord(pax, "uid", entry.getLongUserId(), 8);
        numberRecord(pax, "gid", entry.getLongGroupId(), 8);
        numberRecord(pax, "size", entry.getSize(), 12);
        numberRecord(pax, "mtime", mtime, 12);
        if (pax.isEmpty()) {
            return block(entry, parts == null ? name : parts[1], parts == null ? "" : parts[0], link, mtime);
        }
        byte[] records = TarEntryMapper.encode(pax);
        ByteArrayOutputStream out = new ByteArrayOutputStream(3 * BLOCK + records.length);
        out.writeBytes(paxMember(name, records.length));
        out.writeBytes(records);
        out.writeBytes(new byte[padding(records.length)]);
        out.writeBytes(block(entry, ascii(name), "", ascii(link), mtime));
        return out.toByteArray();
    }

    /** True when an owner name needs no PAX record (what {@link #stringRecord} checks). */
    private static boolean fitsOwner(String value) {
        return value == null || isAscii(value) && value.length() <= OWNER_NAME;
    }

    /** @return the zero bytes that complete a member of {@code size} bytes to a whole block */
    static int padding(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }

    private static byte[] block(TarArchiveEntry entry, String name, String prefix, String link, long mtime) {
        byte[] block = new byte[BLOCK];
        string(block, 0, NAME, name);
        octal(block, 100, 8, entry.getMode());
        octal(block, 108, 8, entry.getLongUserId());
        octal(block, 116, 8, entry.getLongGroupId());
        octal(block, 124, 12, entry.getSize());
        octal(block, 136, 12, mtime);
        block[156] = entry.getLinkFlag();
        string(block, 157, NAME, link);
        ustar(block);
        string(block, 265, OWNER_NAME, ascii(entry.getUserName()));
        string(block, 297, OWNER_NAME, ascii(entry.getGroupName()));
        octal(block, 329, 8, entry.getDevMajor());
        octal(block, 337, 8, entry.getDevMinor());
        string(block, 345, PREFIX, prefix);
        checksum(block);
        return block;
    }

    /** Go's {@code writeRawFile}: the extended header member, all numbers zero but its size. */
    private static byte[] paxMember(String realName, int size) {
        int slash = realName.lastIndexOf('/');
        String dir = slash < 0 ? "" : realName.substring(0, slash + 1);
        String file = realName.substring(slash + 1);
        String name = ascii(dir + PAX_DIR + (file.isEmpty() ? "" : "/" + file));
        if (name.length() > NAME) {
            name = name.substring(0, NAME);
        }
        while (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        byte[] block = new byte[BLOCK];
        string(block, 0, NAME, name);
        octal(block, 100, 8, 0);
        octal(block, 108, 8, 0);
        octal(block, 116, 8, 0);
        octal(block, 124, 12, size);
        octal(block, 136, 12, 0);
        block[156] = 'x';
        ustar(block);
        checksum(block);
        return block;
    }

    /** Go's {@code splitUSTARPath}: prefix and name for an ASCII path longer than 100 bytes, else null. */
    static String[] split(String name) {
        int length = name.length();
        if (length <= NAME || !isAscii(name)) {
            return null;
        }
        if (length > PREFIX + 1) {
            length = PREFIX + 1;
        } else if (name.charAt(length - 1) == '/') {
            length--;
        }
        int i = name.lastIndexOf('/', length - 1);
        int suffix = name.length() - i - 1;
        if (i <= 0 || suffix > NAME || suffix == 0 || i > PREFIX) {
            return null;
        }
        return new String[] {name.substring(0, i), name.substring(i + 1)};
    }

    private static void stringRecord(Map<String, byte[]> pax, String key, String value) {
        if (value != null && (!isAscii(value) || utf8(value).length > OWNER_NAME)) {
            pax.put(key, utf8(value));
        }
    }

    private static void numberRecord(Map<String, byte[]> pax, String key, long value, int field) {
        if (!fitsOctal(field, value)) {
            pax.put(key, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static boolean fitsOctal(int field, long value) {
        return value >= 0 && (field >= 22 || value < 1L << (3 * (field - 1)));
    }

    /** Go's {@code formatOctal}: zero-padded, NUL-terminated; 0 when it does not fit (PAX holds the value). */
    private static void octal(byte[] block, int offset, int length, long value) {
        digits(block, offset, length - 1, fitsOctal(length, value) ? value : 0);
    }

    /** Writes {@code value} as exactly {@code count} zero-padded octal digits (it fits: callers check). */
    private static void digits(byte[] block, int offset, int count, long value) {
        long rest = value;
        for (int i = offset + count - 1; i >= offset; i--) {
            block[i] = (byte) ('0' + (rest & 7));
            rest >>>= 3;
        }
    }

    /** Go's {@code formatString}: copied, cut to the field, NUL-terminated when shorter. */
    private static void string(byte[] block, int offset, int length, String text) {
        if (isAscii(text)) { // one byte per char: no encoding, no array
            int n = Math.min(text.length(), length);
            for (int i = 0; i < n; i++) {
                block[offset + i] = (byte) text.charAt(i);
            }
            return;
        }
        byte[] bytes = utf8(text);
        System.arraycopy(bytes, 0, block, offset, Math.min(bytes.length, length));
    }

    private static void ustar(byte[] block) {
        string(block, 257, 6, "ustar");
        string(block, 263, 2, "00");
    }

    private static void checksum(byte[] block) {
        for (int i = 148; i < 156; i++) {
            block[i] = ' ';
        }
        long sum = 0;
        for (int i = 0; i < BLOCK; i += 8) { // eight at a time: one loop test per eight bytes (C1 unrolls nothing)
            sum += (block[i] & 0xff) + (block[i + 1] & 0xff) + (block[i + 2] & 0xff) + (block[i + 3] & 0xff)
                    + (block[i + 4] & 0xff) + (block[i + 5] & 0xff) + (block[i + 6] & 0xff) + (block[i + 7] & 0xff);
        }
        digits(block, 148, 6, sum);
        block[154] = 0;
        block[155] = ' ';
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code toASCII}: drops every byte that is not 7-bit (and NUL). */
    private static String ascii(String text) {
        if (isAscii(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        text.chars().filter(c -> c > 0 && c < 0x80).forEach(c -> out.append((char) c));
        return out.toString();
    }

    private static byte[] utf8(String text) {
        return FileNames.encode(text); // UTF-8, and a name's bytes that are not UTF-8 exactly as they were
    }
}
