package io.github.drydock.archive;

import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
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

    private TarEntryMapper() {
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
