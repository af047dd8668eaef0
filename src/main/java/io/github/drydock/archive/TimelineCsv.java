package io.github.drydock.archive;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes the timeline as RFC 4180 CSV: a header row of {@link TimelineSink#COLUMNS}, then one record per
 * row, {@code \r\n}-terminated, UTF-8. Times are ISO-8601 UTC with the precision recorded on disk
 * ({@code 2026-12-04T20:18:31.450574393Z}); an unknown time is an empty field. A field holding a comma,
 * a quote or a line break is quoted, quotes doubled.
 */
final class TimelineCsv implements TimelineSink {
    private static final String NO_MD5 = "0";
    private static final String END = "\r\n";

    private final Writer out;

    TimelineCsv(OutputStream out) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        this.out.write(String.join(",", COLUMNS) + END);
    }

    @Override
    public void row(TimelineRow row) throws IOException {
        String line = String.join(",", NO_MD5, quote(row.name()), Long.toString(row.inode()), quote(row.mode()),
                Long.toString(row.uid()), Long.toString(row.gid()), Long.toString(row.size()), time(row.atime()),
                time(row.mtime()), time(row.ctime()), time(row.crtime()));
        out.write(line + END);
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    /**
     * Quotes a field when it needs it.
     *
     * @param text the field
     * @return the field as CSV
     */
    static String quote(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static String time(Instant time) {
        return time == null ? "" : time.toString();
    }
}
