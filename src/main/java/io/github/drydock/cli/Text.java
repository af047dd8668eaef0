package io.github.drydock.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Small text rules shared by every view: absolute UTC times, short ids, truncation, and making
 * evidence text safe for a terminal (a container name or command may carry escape sequences).
 */
public final class Text {
    /** What an unknown value prints as in a table. */
    public static final String UNKNOWN = "-";
    /** Docker's short id length. */
    public static final int SHORT_ID = 12;
    private static final DateTimeFormatter TABLE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    /** Docker's {@code RFC3339NanoFixed}: always nine fraction digits, as {@code docker logs -t} prints. */
    private static final DateTimeFormatter LOG_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final String ELLIPSIS = "...";

    private Text() {
    }

    /**
     * Formats a time for a table: absolute UTC, because "10 years ago" is useless as evidence.
     *
     * @param time the time, or null
     * @return e.g. {@code 2015-04-01 12:00:00}, or {@value #UNKNOWN} when null or Go's zero time
     */
    public static String time(Instant time) {
        return known(time) ? TABLE_TIME.format(time) : UNKNOWN;
    }

    /**
     * Formats a log record time as {@code docker logs --timestamps} does.
     *
     * @param time the time, or null (printed as Go's zero time, as Docker would)
     * @return e.g. {@code 2015-04-01T12:00:00.123456789Z}
     */
    public static String logTime(Instant time) {
        return LOG_TIME.format(time == null ? Instant.parse("0001-01-01T00:00:00Z") : time);
    }

    /** Go's zero time (year 1) is how Docker writes "never": treat it as unknown. */
    private static boolean known(Instant time) {
        return time != null && time.isAfter(Instant.parse("0001-12-31T23:59:59Z"));
    }

    /**
     * @param id a 64-hex id, or null
     * @return its first 12 characters, the id itself when shorter, or {@value #UNKNOWN}
     */
    public static String shortId(String id) {
        if (id == null || id.isEmpty()) {
            return UNKNOWN;
        }
        return id.length() > SHORT_ID ? id.substring(0, SHORT_ID) : id;
    }

    /**
     * Cuts text to at most {@code max} characters, ending in {@code ...} when cut.
     *
     * @param text the text
     * @param max  the longest result (at least 4)
     * @return the text, or its start plus {@code ...}
     */
    public static String truncate(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        int end = text.offsetByCodePoints(0, max - ELLIPSIS.length());
        return text.substring(0, end) + ELLIPSIS;
    }

    /**
     * Makes evidence text safe to print: control characters (C0, DEL, C1) become visible escapes
     * ({@code \n}, {@code \t}, {@code \x1b}), so no terminal sequence from the disk reaches the user.
     *
     * @param text the text, or null
     * @return the printable text; empty for null
     */
    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Quotes text as Go's {@code strconv.Quote} does for {@code docker ps}'s COMMAND column.
     *
     * @param text the text
     * @return the text in double quotes, with {@code "} and {@code \} escaped and control characters visible
     */
    public static String quote(String text) {
        String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"");
        return "\"" + printable(escaped) + "\"";
    }

    /**
     * Shows a path relative to a base when it lies inside it.
     *
     * @param path the path, or null
     * @param base the base folder
     * @return the relative path, the absolute one when outside the base, or null for null
     */
    public static String relative(Path path, Path base) {
        if (path == null) {
            return null;
        }
        if (base != null && path.startsWith(base) && !path.equals(base)) {
            return base.relativize(path).toString();
        }
        return path.toString();
    }

    /**
     * @param name a container name, usually with Docker's leading slash
     * @return the name without it, or {@value #UNKNOWN}
     */
    public static String containerName(String name) {
        if (name == null || name.isEmpty() || name.equals("/")) {
            return UNKNOWN;
        }
        return name.startsWith("/") ? name.substring(1) : name;
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> (c < 0x20 || (c >= 0x7f && c <= 0x9f)) ? String.format("\\x%02x", (int) c) : null;
        };
    }
}
