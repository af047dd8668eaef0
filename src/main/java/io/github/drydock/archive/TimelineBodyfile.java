package io.github.drydock.archive;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes Sleuth Kit bodyfile 3.x lines: {@code MD5|name|inode|mode_as_string|UID|GID|size|atime|mtime|ctime|crtime},
 * one per row, {@code \n}-terminated, UTF-8. Times are whole epoch seconds (rounded down); an unknown time
 * is {@code 0}, which {@code mactime} treats as "not set". {@code mactime} splits every line at {@code |} and
 * then decodes {@code %XX} in each field ({@code tm_split} in sleuthkit 4.x {@code mactime}), so a name's
 * {@code %} and {@code |} are written as {@code %XX}; control characters become visible escapes (see
 * {@link #escape(String)}).
 */
final class TimelineBodyfile implements TimelineSink {
    private static final char SEPARATOR = '|';
    private static final String NO_MD5 = "0";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final Writer out;

    TimelineBodyfile(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public void row(TimelineRow row) throws IOException {
        StringBuilder line = new StringBuilder(128);
        line.append(NO_MD5).append(SEPARATOR).append(escape(row.name())).append(SEPARATOR)
                .append(row.inode()).append(SEPARATOR).append(escape(row.mode())).append(SEPARATOR)
                .append(row.uid()).append(SEPARATOR).append(row.gid()).append(SEPARATOR)
                .append(row.size()).append(SEPARATOR).append(seconds(row.atime())).append(SEPARATOR)
                .append(seconds(row.mtime())).append(SEPARATOR).append(seconds(row.ctime())).append(SEPARATOR)
                .append(seconds(row.crtime())).append('\n');
        out.write(line.toString());
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    /**
     * Escapes a field for {@code mactime}: {@code %} and {@code |} as {@code %25} and {@code %7C}, which
     * {@code mactime} decodes back; control characters as visible escapes ({@code \n}, {@code \t},
     * {@code \x1b}), because {@code mactime} silently drops a row whose decoded name holds a line break and
     * would print other control characters raw to the terminal. The CSV and JSON Lines formats keep names exact.
     *
     * @param text the field
     * @return the escaped field
     */
    static String escape(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (escaped != null) {
                escaped.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    private static String replacement(char c) {
        return switch (c) {
            case '%', SEPARATOR -> "%" + HEX[c >> 4] + HEX[c & 0xf];
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c < 0x20 || (c >= 0x7f && c <= 0x9f) ? String.format("\\x%02x", (int) c) : null;
        };
    }

    /** Whole seconds since the epoch, rounded down as {@code st_mtime} is; 0 when unknown. */
    static long seconds(Instant time) {
        return time == null ? 0 : time.getEpochSecond();
    }
}
