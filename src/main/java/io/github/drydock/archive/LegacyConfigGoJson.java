package io.github.drydock.archive;

import io.github.drydock.driver.LayerDirectory;

import java.io.ByteArrayOutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Optional;

/**
 * The parts of Go's {@code encoding/json} (as in Go 1.13–1.21, which built Docker 1.10–24) whose exact
 * output decides Docker's ids: string escaping with HTML-safe escapes ({@code <} → {@code \u003c}),
 * {@code json.Compact} of raw values, map keys sorted by their UTF-8 bytes, and {@code time.Time} in
 * RFC 3339 with nanoseconds. Legacy v1 ids and migrated image ids are hashes of such output, so these
 * rules must match byte for byte.
 */
final class LegacyConfigGoJson {
    /** Go's zero {@code time.Time}, as it marshals. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    /** Go's {@code time.Unix(0, 0)} in UTC, as it marshals. */
    static final String EPOCH_TIME = "1970-01-01T00:00:00Z";
    /** Map key order of Go: by UTF-8 bytes, i.e. by code point. */
    static final Comparator<String> KEY_ORDER = LayerDirectory.NAME_ORDER;

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private LegacyConfigGoJson() {
    }

    /**
     * @param text a string
     * @return it as a Go JSON string literal, quotes included
     */
    static String string(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                appendAscii(out, c);
            } else if (c == '\u2028' || c == '\u2029') {
                out.append("\\u202").append(HEX[c & 0xF]);
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append("\\ufffd"); // Go replaces invalid UTF-8 with U+FFFD, escaped
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static void appendAscii(StringBuilder out, char c) {
        switch (c) {
            case '"', '\\' -> out.append('\\').append(c);
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                    out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                } else {
                    out.append(c);
                }
            }
        }
    }

    /**
     * Go's {@code json.Compact} with HTML escaping, as {@code json.Marshal} applies it to a
     * {@code json.RawMessage}: whitespace between tokens is dropped, {@code <>&} and U+2028/U+2029 in
     * strings are escaped; every other byte (including escapes such as {@code \/}) is kept.
     *
     * @param raw   bytes holding one valid JSON value
     * @param start where the value starts
     * @param end   where it ends (exclusive)
     * @return the compacted value
     */
    static byte[] compact(byte[] raw, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        boolean inString = false;
        boolean escaped = false;
        for (int i = start; i < end; i++) {
            int c = raw[i] & 0xff;
            if (!inString) {
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    continue;
                }
                inString = c == '"';
                out.write(c);
            } else if (escaped) {
                escaped = false;
                out.write(c);
            } else if (c == '<' || c == '>' || c == '&') {
                out.writeBytes(new byte[] {'\\', 'u', '0', '0', (byte) HEX[c >> 4], (byte) HEX[c & 0xF]});
            } else if (c == 0xE2 && i + 2 < end && (raw[i + 1] & 0xff) == 0x80 && ((raw[i + 2] & 0xff) | 1) == 0xA9) {
                out.writeBytes(new byte[] {'\\', 'u', '2', '0', '2', (byte) HEX[raw[i + 2] & 0xF]});
                i += 2;
            } else {
                escaped = c == '\\';
                inString = c != '"';
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /**
     * Parses an RFC 3339 time the way Go's {@code time.Time.UnmarshalJSON} does and prints it the way
     * {@code MarshalJSON} does: fractional seconds without trailing zeros, {@code Z} for a zero offset.
     *
     * @param text the time as recorded
     * @return the Go rendering, or empty when Go would refuse the text
     */
    static Optional<String> time(String text) {
        try {
            return Optional.of(format(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * @param time a point in time with its offset
     * @return Go's RFC 3339 rendering with trimmed nanoseconds
     */
    static String format(OffsetDateTime time) {
        StringBuilder out = new StringBuilder(DATE_TIME.format(time));
        int nanos = time.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos).replaceFirst("0+$", "");
            out.append('.').append(fraction);
        }
        ZoneOffset offset = time.getOffset();
        out.append(offset.getTotalSeconds() == 0 ? "Z" : offset.getId());
        return out.toString();
    }
}
