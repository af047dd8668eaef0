package io.github.drydock.archive;

import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileNames;
import io.github.drydock.model.FileType;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.io.output.CloseShieldOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one mapping from a view's {@link FileEntry} to a tar header, shared by every tar drydock writes,
 * shaped like the headers of Docker's own tar writer ({@code pkg/archive} {@code FileInfoHeader}): names
 * relative without {@code ./}, folders ending in {@code /}, the file-type bits inside the mode, mtime in
 * whole seconds, no atime/ctime, numeric owners only, and {@code security.capability} as the only extended
 * attribute ({@code SCHILY.xattr.security.capability}). Long names and big numbers use PAX records.
 */
public final class TarEntryMapper {
    /** The only attribute Docker copies into tar headers. */
    public static final String CAPABILITY = "security.capability";
    private static final String PAX_XATTR = "SCHILY.xattr.";
    private static final int BLOCK = 512;
    private static final int USTAR_NAME_LIMIT = 99;
    private static final long USTAR_SIZE_LIMIT = 077777777777L;
    private static final long USTAR_ID_LIMIT = 07777777L;

    private TarEntryMapper() {
    }

    /**
     * Opens a tar stream over a caller's stream that never closes it: PAX for long names and big numbers,
     * 512-byte blocks with no record padding (as Go's tar writer). Closing the tar stream finishes the
     * archive and flushes, leaving {@code out} open.
     *
     * @param out the caller's stream
     * @return the tar stream
     */
    public static TarArchiveOutputStream open(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(CloseShieldOutputStream.wrap(out), BLOCK,
                StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        return tar;
    }

    /**
     * The member name of an entry: its view path relative to {@code base}, with a trailing {@code /} for
     * folders.
     *
     * @param entry a view entry below {@code base}
     * @param base  the view path the archive starts at ({@code /} for a whole view)
     * @return the name, never absolute and never containing {@code ..}
     */
    public static String tarName(FileEntry entry, String base) {
        String path = entry.path();
        String prefix = base.endsWith("/") ? base : base + "/";
        String relative = path.startsWith(prefix) ? path.substring(prefix.length()) : path.substring(1);
        return entry.type() == FileType.DIR ? relative + "/" : relative;
    }

    /**
     * Maps an entry to a tar header.
     *
     * @param entry    the entry (not a socket: tar cannot hold one)
     * @param name     its member name ({@link #tarName})
     * @param linkedTo for a later name of a hard-linked file: the member name written first; else empty
     * @return the header
     */
    public static TarArchiveEntry toTarEntry(FileEntry entry, String name, Optional<String> linkedTo) {
        byte flag = switch (entry.type()) {
            case FILE -> linkedTo.isPresent() ? TarConstants.LF_LINK : TarConstants.LF_NORMAL;
            case DIR -> TarConstants.LF_DIR;
            case SYMLINK -> TarConstants.LF_SYMLINK;
            case CHAR -> TarConstants.LF_CHR;
            case BLOCK -> TarConstants.LF_BLK;
            case FIFO -> TarConstants.LF_FIFO;
            case SOCKET -> throw new IllegalArgumentException("a socket has no tar form: " + entry.path());
        };
        TarArchiveEntry tar = new TarArchiveEntry(name, flag, true);
        tar.setMode(entry.fullMode());
        tar.setUserId(entry.uid());
        tar.setGroupId(entry.gid());
        tar.setUserName("");
        tar.setGroupName("");
        tar.setModTime(FileTime.from(entry.mtime().getEpochSecond(), java.util.concurrent.TimeUnit.SECONDS));
        if (entry.type() == FileType.SYMLINK) {
            tar.setLinkName(entry.linkTarget());
        } else if (linkedTo.isPresent()) {
            tar.setLinkName(linkedTo.get());
        }
        if (entry.type() == FileType.CHAR || entry.type() == FileType.BLOCK) {
            tar.setDevMajor(entry.devMajor());
            tar.setDevMinor(entry.devMinor());
        }
        tar.setSize(entry.type() == FileType.FILE && linkedTo.isEmpty() ? entry.size() : 0);
        return tar;
    }

    /**
     * The PAX records whose values are raw bytes (extended attributes), which commons-compress would
     * re-encode as UTF-8 and so corrupt.
     *
     * @param entry the entry
     * @return record key → raw value; empty for most files
     */
    public static Map<String, byte[]> binaryPaxRecords(FileEntry entry) {
        byte[] capability = entry.xattrs().get(CAPABILITY);
        return capability == null ? Map.of() : Map.of(PAX_XATTR + CAPABILITY, capability);
    }

    /**
     * Writes a header, preceded by a PAX header of its own when there are binary records. The header's
     * name, link name and numbers then travel in that PAX header too, so the library adds none.
     *
     * @param tar    the stream
     * @param header the header ({@link #toTarEntry})
     * @param binary raw-valued records ({@link #binaryPaxRecords}); may be empty
     * @throws IOException when writing fails
     */
    public static void putEntry(TarArchiveOutputStream tar, TarArchiveEntry header, Map<String, byte[]> binary)
            throws IOException {
        String name = header.getName();
        String link = header.getLinkName();
        // commons-compress would write a name's PAX record as UTF-8 text: a name whose bytes are not UTF-8
        // (escaped, see FileNames) goes into our own record with its exact bytes, as Go's tar writer does
        boolean rawBytes = FileNames.hasRawBytes(name) || link != null && FileNames.hasRawBytes(link);
        if (!binary.isEmpty() || rawBytes) {
            Map<String, byte[]> records = new LinkedHashMap<>();
            if (needsPax(name)) {
                records.put("path", FileNames.encode(name));
                header.setName(shorten(name, header.isDirectory()));
            }
            if (needsPax(link)) {
                records.put("linkpath", FileNames.encode(link));
                header.setLinkName(shorten(link, false));
            }
            if (header.getSize() > USTAR_SIZE_LIMIT || header.getLongUserId() > USTAR_ID_LIMIT
                    || header.getLongGroupId() > USTAR_ID_LIMIT) {
                throw new IOException("cannot write " + FileNames.display(name) + " with its own PAX record (a"
                        + " security.capability or a name that is not UTF-8): its size or ids need PAX numbers as well");
            }
            records.putAll(binary);
            byte[] body = encode(records);
            TarArchiveEntry pax = new TarArchiveEntry(shorten("PaxHeaders.0/" + name, false),
                    TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
            pax.setSize(body.length);
            pax.setModTime(header.getLastModifiedTime());
            tar.putArchiveEntry(pax);
            tar.write(body);
            tar.closeArchiveEntry();
        }
        tar.putArchiveEntry(header);
    }

    private static boolean needsPax(String value) {
        return value != null && (value.length() > USTAR_NAME_LIMIT
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(value));
    }

    /** A 7-bit name of at most 99 characters, for the ustar field a PAX record overrides. */
    private static String shorten(String name, boolean folder) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c < 0x80 ? c : '_');
        }
        int limit = USTAR_NAME_LIMIT - 1;
        String cut = ascii.length() > limit ? ascii.substring(0, limit) : ascii.toString();
        return folder && !cut.endsWith("/") ? cut + "/" : cut;
    }

    /** PAX records {@code "<len> <key>=<value>\n"}, where len counts the whole record including itself. */
    static byte[] encode(Map<String, byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        records.forEach((key, value) -> {
            int rest = 1 + key.getBytes(StandardCharsets.UTF_8).length + 1 + value.length + 1;
            int length = rest + 1;
            while (length != rest + String.valueOf(length).length()) {
                length = rest + String.valueOf(length).length();
            }
            out.writeBytes((length + " " + key + "=").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(value);
            out.write('\n');
        });
        return out.toByteArray();
    }
}
