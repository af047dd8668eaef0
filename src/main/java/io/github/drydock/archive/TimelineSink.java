package io.github.drydock.archive;

import java.io.IOException;
import java.util.List;

/** Receives timeline rows one at a time and writes them out at once: nothing is kept in memory. */
public sealed interface TimelineSink permits TimelineBodyfile, TimelineCsv, TimelineJsonl, TimelineSink.Tee {
    /** The column names of the CSV header and the JSON keys, in bodyfile order. */
    List<String> COLUMNS = List.of("md5", "name", "inode", "mode", "uid", "gid", "size", "atime", "mtime",
            "ctime", "crtime");

    /**
     * Writes one row.
     *
     * @param row the row
     * @throws IOException when the output fails
     */
    void row(TimelineRow row) throws IOException;

    /**
     * Flushes what is buffered; the underlying stream stays open.
     *
     * @throws IOException when the output fails
     */
    void finish() throws IOException;

    /**
     * Writes every row to several sinks: one walk of the evidence, several formats.
     *
     * @param sinks the sinks, in order
     */
    record Tee(List<TimelineSink> sinks) implements TimelineSink {
        /** Copies the list. */
        public Tee {
            sinks = List.copyOf(sinks);
        }

        @Override
        public void row(TimelineRow row) throws IOException {
            for (TimelineSink sink : sinks) {
                sink.row(row);
            }
        }

        @Override
        public void finish() throws IOException {
            for (TimelineSink sink : sinks) {
                sink.finish();
            }
        }
    }
}
