package io.github.drydock.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/** The formats a timeline is written in; each carries the same rows. */
public enum TimelineFormat {
    /**
     * Sleuth Kit bodyfile 3.x, what {@code mactime -b} and plaso read: times in epoch seconds, names
     * with {@code %} and {@code |} written as {@code %25} and {@code %7C}, control characters as
     * {@code \n}, {@code \t}, {@code \xNN}.
     */
    BODYFILE("bodyfile"),
    /** RFC 4180 CSV with a header row; times as ISO-8601 UTC with the recorded precision, empty when unknown. */
    CSV("csv"),
    /** One JSON object per line with the same keys as the CSV header; times ISO-8601 or null. */
    JSONL("jsonl");

    private final String extension;

    TimelineFormat(String extension) {
        this.extension = extension;
    }

    /** @return the usual file extension and the format's name on the command line */
    public String extension() {
        return extension;
    }

    /**
     * Parses a format name.
     *
     * @param name {@code bodyfile}, {@code csv} or {@code jsonl}, any case
     * @return the format
     * @throws IllegalArgumentException for any other name
     */
    public static TimelineFormat parse(String name) {
        for (TimelineFormat format : values()) {
            if (format.extension.equals(name.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown timeline format '" + name + "': expected bodyfile, csv or jsonl");
    }

    /**
     * Opens a sink writing this format into a stream; the sink never closes the stream.
     *
     * @param out where to write
     * @return the sink; call {@link TimelineSink#finish()} at the end
     * @throws IOException when a header cannot be written
     */
    public TimelineSink open(OutputStream out) throws IOException {
        return switch (this) {
            case BODYFILE -> new TimelineBodyfile(out);
            case CSV -> new TimelineCsv(out);
            case JSONL -> new TimelineJsonl(out);
        };
    }
}
