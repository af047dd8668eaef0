package io.github.drydock.archive;

import io.github.drydock.json.TarSplitEntryJson;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A fast path for the lines tar-split writes: Go's {@code json.Encoder} output of its {@code Entry} struct,
 * e.g. {@code {"type":1,"name":"etc/hosts","size":12,"payload":"uQlWx3WkEAE=","position":3}}. A layer of
 * fifty thousand files has a hundred thousand such lines, and the general JSON reader spent more time
 * being compiled and running than the CRC of the files; this parser is small and does only this.
 *
 * <p>It is deliberately narrow: only the known keys, each once, no whitespace, integers without
 * fraction or exponent that fit their type, ASCII strings with the simple escapes, padded standard
 * base64 or {@code null} payloads. Anything else (non-ASCII names, unusual escapes, unknown keys, any
 * doubt) returns {@code null}, and the caller parses that line with the general JSON reader, so the
 * result for any input is what the general reader gives. Never throws for bad input.
 */
final class TarSplitLineParser {
    private static final byte[][] KEYS = {ascii("type"), ascii("name"), ascii("name_raw"), ascii("size"),
            ascii("payload"), ascii("position")};
    private static final int TYPE = 0;
    private static final int NAME = 1;
    private static final int NAME_RAW = 2;
    private static final int SIZE = 3;
    private static final int PAYLOAD = 4;
    private static final int POSITION = 5;
    private static final byte[] NULL = ascii("null");

    private final byte[] line;
    private int at;
    private final int end;
    private final long[] numbers = new long[KEYS.length];
    private final Object[] values = new Object[KEYS.length];

    private TarSplitLineParser(byte[] line, int start, int end) {
        this.line = line;
        this.at = start;
        this.end = end;
    }

    /**
     * @param line  a buffer holding the line
     * @param start where the line starts
     * @param end   where it ends (the newline excluded)
     * @return the entry, or null when the line is not in the plain form this parser reads
     */
    static TarSplitEntryJson parse(byte[] line, int start, int end) {
        try {
            return new TarSplitLineParser(line, start, end).object();
        } catch (RuntimeException e) { // out of plain form in a way not caught below: the general reader decides
            return null;
        }
    }

    private TarSplitEntryJson object() {
        if (!take('{')) {
            return null;
        }
        int seen = 0;
        do {
            int key = key();
            if (key < 0 || (seen & 1 << key) != 0 || !take(':') || !value(key)) {
                return null;
            }
            seen |= 1 << key;
        } while (take(','));
        if (!take('}') || at != end || (seen & (1 << TYPE | 1 << POSITION)) != (1 << TYPE | 1 << POSITION)) {
            return null;
        }
        if (numbers[TYPE] != (int) numbers[TYPE]) {
            return null;
        }
        return new TarSplitEntryJson((int) numbers[TYPE], (String) values[NAME], (byte[]) values[NAME_RAW],
                numbers[SIZE], (byte[]) values[PAYLOAD], numbers[POSITION]);
    }

    private int key() {
        if (!take('"')) {
            return -1;
        }
        int close = indexOf('"');
        for (int k = 0; k < KEYS.length; k++) {
            byte[] key = KEYS[k];
            if (close - at == key.length && java.util.Arrays.equals(line, at, close, key, 0, key.length)) {
                at = close + 1;
                return k;
            }
        }
        return -1;
    }

    private boolean value(int key) {
        switch (key) {
            case TYPE, SIZE, POSITION:
                return number(key);
            case NAME:
                values[NAME] = string();
                return values[NAME] != null;
            default:
                if (matches(NULL)) {
                    return true; // a null name_raw or payload is what Go writes for an empty slice
                }
                values[key] = base64();
                return values[key] != null;
        }
    }

    private boolean number(int key) {
        boolean negative = take('-');
        int start = at;
        long value = 0;
        while (at < end && line[at] >= '0' && line[at] <= '9') {
            if (value > (Long.MAX_VALUE - 9) / 10) {
                return false; // may not fit: the general reader says how it fails
            }
            value = value * 10 + (line[at++] - '0');
        }
        int digits = at - start;
        if (digits == 0 || digits > 1 && line[start] == '0') {
            return false;
        }
        numbers[key] = negative ? -value : value;
        return true;
    }

    /** An ASCII string with simple escapes, or null for anything else. */
    private String string() {
        if (!take('"')) {
            return null;
        }
        StringBuilder text = null;
        int run = at;
        while (at < end) {
            byte b = line[at];
            if (b == '"') {
                String tail = new String(line, run, at - run, StandardCharsets.ISO_8859_1);
                at++;
                return text == null ? tail : text.append(tail).toString();
            }
            if (b < 0x20) { // control characters must be escaped; bytes >= 0x80 (negative) are not ASCII
                return null;
            }
            if (b == '\\') {
                text = text == null ? new StringBuilder() : text;
                text.append(new String(line, run, at - run, StandardCharsets.ISO_8859_1));
                int escaped = escape();
                if (escaped < 0) {
                    return null;
                }
                text.append((char) escaped);
                run = at;
            } else {
                at++;
            }
        }
        return null;
    }

    /** @return the ASCII character of the escape at {@code at} (moved past it), or -1 */
    private int escape() {
        if (end - at < 2) {
            return -1;
        }
        byte kind = line[at + 1];
        at += 2;
        switch (kind) {
            case '"', '\\', '/':
                return kind;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (end - at < 4) {
                    return -1;
                }
                int c = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(line[at + i], 16);
                    if (digit < 0) {
                        return -1;
                    }
                    c = c << 4 | digit;
                }
                at += 4;
                return c < 0x80 && c != 0 ? c : -1; // NUL and non-ASCII: the general reader decides
            default:
                return -1;
        }
    }

    /** Padded standard base64 without escapes, decoded; null for anything else. */
    private byte[] base64() {
        if (!take('"')) {
            return null;
        }
        int close = indexOf('"');
        int length = close - at;
        if (length % 4 != 0) {
            return null;
        }
        for (int i = at; i < close; i++) {
            byte b = line[i];
            if (!(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+' || b == '/'
                    || b == '=' && i >= close - 2)) {
                return null;
            }
        }
        byte[] decoded = Base64.getDecoder().decode(java.nio.ByteBuffer.wrap(line, at, length)).array();
        at = close + 1;
        return decoded;
    }

    private int indexOf(char c) {
        for (int i = at; i < end; i++) {
            if (line[i] == c) {
                return i;
            }
        }
        return end + 1; // no closing quote: every caller then fails
    }

    private boolean take(char c) {
        if (at < end && line[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    private boolean matches(byte[] word) {
        if (end - at >= word.length && java.util.Arrays.equals(line, at, at + word.length, word, 0, word.length)) {
            at += word.length;
            return true;
        }
        return false;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
