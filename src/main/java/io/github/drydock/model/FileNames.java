package io.github.drydock.model;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * File names are bytes; drydock's view paths are {@link String}s. This class keeps the two in step without
 * losing a byte, the way Python's {@code surrogateescape} (PEP 383) does: a name is decoded as UTF-8, and
 * each byte that is not part of valid UTF-8 (always 0x80–0xFF) becomes the lone surrogate
 * {@code U+DC00 + byte}, which no valid text contains. Encoding reverses it exactly. So a view path shows
 * {@code \xff} where the file name has that byte ({@link #display}), JSON writes it as <code>&#92;udcff</code>
 * (Python's {@code os.fsencode} turns that back into the bytes), and export, copy-out and save write the
 * original bytes.
 *
 * <p>Java's file API keeps the raw bytes inside a {@link Path} but decodes them lossily in
 * {@link Path#toString()} (each bad byte becomes U+FFFD). The one public way to the raw bytes is the
 * path's {@link Path#toUri() file URI}, which percent-encodes them, and {@link Path#of(URI)} turns such a
 * URI back into a path with those bytes. Both are used only when a name is not plain text, so ordinary
 * names cost one scan.
 */
public final class FileNames {
    private static final char ESCAPE_BASE = '\uDC00';
    private static final char FIRST_ESCAPE = '\uDC80';
    private static final char LAST_ESCAPE = '\uDCFF';
    private static final char REPLACEMENT = '\uFFFD';
    /** Path names decode as UTF-8 in this JVM (the launcher and the tests set it); else always go by URI. */
    private static final boolean UTF8_NAMES = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding", ""))
            || "UTF8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding", ""));
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** A folder under which no file can exist ({@code /dev/null} is not a folder): see {@link #rawBytes}. */
    private static final Path NOWHERE = Path.of("/dev/null");
    private static final String NOWHERE_PREFIX = "/dev/null/";

    private FileNames() {
    }

    /**
     * @param text a name or path
     * @return whether it holds bytes that are not UTF-8 (escaped as lone surrogates)
     */
    public static boolean hasRawBytes(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isEscape(text, i)) {
                return true;
            }
        }
        return false;
    }

    /** An escaped byte: {@code U+DC80}–{@code U+DCFF} that is not the second half of a surrogate pair. */
    private static boolean isEscape(String text, int i) {
        char c = text.charAt(i);
        return c >= FIRST_ESCAPE && c <= LAST_ESCAPE && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }

    /**
     * @param bytes a name or path as bytes
     * @return its text: UTF-8, with each byte that is not UTF-8 as {@code U+DC00 + byte}
     */
    public static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return decodeEscaping(bytes, decoder);
        }
    }

    private static String decodeEscaping(byte[] bytes, CharsetDecoder decoder) {
        StringBuilder out = new StringBuilder(bytes.length);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer chars = CharBuffer.allocate(bytes.length + 1);
        decoder.reset();
        while (in.hasRemaining()) {
            var result = decoder.decode(in, chars, true);
            chars.flip();
            out.append(chars);
            chars.clear();
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    out.append((char) (ESCAPE_BASE + (in.get() & 0xff)));
                }
            }
        }
        return out.toString();
    }

    /**
     * @param text a name or path, possibly with escaped bytes
     * @return its bytes: UTF-8, each escaped byte as itself
     */
    public static byte[] encode(String text) {
        if (!hasRawBytes(text)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isEscape(text, i)) {
                out.writeBytes(text.substring(start, i).getBytes(StandardCharsets.UTF_8));
                out.write(c - ESCAPE_BASE);
                start = i + 1;
            }
        }
        out.writeBytes(text.substring(start).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * @param path a path from the file system (e.g. listed in a folder)
     * @return its last name as text, byte for byte (see the class comment)
     */
    public static String name(Path path) {
        // the whole path's text is kept by the path (and wanted again later): its last name is a substring,
        // cheaper than getFileName(), which scans the path for every separator and makes a new path
        String whole = path.toString();
        String last = whole.substring(whole.lastIndexOf('/') + 1);
        if (!last.isEmpty() && plain(last)) {
            return last;
        }
        Path name = path.getFileName();
        if (name == null) {
            return "";
        }
        String text = name.toString();
        if (plain(text)) {
            return text;
        }
        return decode(rawBytes(name));
    }

    /**
     * @param path a path from the file system, e.g. a symlink's target
     * @return the whole path as text, byte for byte
     */
    public static String text(Path path) {
        String text = path.toString();
        if (plain(text)) {
            return text;
        }
        return decode(rawBytes(path));
    }

    /**
     * @param text a path as text, possibly with escaped bytes
     * @return a path with exactly those bytes (relative when the text is)
     */
    public static Path path(String text) {
        if (plainText(text)) {
            return Path.of(text);
        }
        // name by name: a file URI would drop ".." names, and only a name that needs it goes through one
        Path out = Path.of(text.startsWith("/") ? "/" : "");
        for (String name : text.split("/")) {
            if (!name.isEmpty()) {
                out = out.resolve(plainText(name) ? Path.of(name) : oneName(name));
            }
        }
        return out;
    }

    /** A relative path of one name with exactly the name's bytes. */
    private static Path oneName(String name) {
        Path absolute = Path.of(URI.create("file:///" + percentEncode(encode(name))));
        return absolute.getRoot().relativize(absolute);
    }

    /**
     * @param folder a folder
     * @param name   one name, possibly with escaped bytes; checked by the caller (no {@code /}, not {@code ..})
     * @return {@code folder/name} with exactly the name's bytes
     */
    public static Path child(Path folder, String name) {
        return folder.resolve(plainText(name) ? Path.of(name) : oneName(name));
    }

    /**
     * Text for people: each escaped byte as {@code \xHH} (as {@code ls -b} shows it), the rest unchanged.
     *
     * @param text a name or path
     * @return the text to print
     */
    public static String display(String text) {
        if (!hasRawBytes(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isEscape(text, i)) {
                int b = c - ESCAPE_BASE;
                out.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xf]);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Orders names as their bytes compare, unsigned (Go's {@code sort.Strings}, {@code filepath.Walk}); for
     * text without escaped bytes that is code-point order.
     *
     * @param a one name
     * @param b another
     * @return negative, zero or positive
     */
    public static int compareBytes(String a, String b) {
        return java.util.Arrays.compareUnsigned(encode(a), encode(b));
    }

    /** Whether a string from {@link Path#toString()} is known to hold the name's exact bytes. */
    private static boolean plain(String text) {
        if (UTF8_NAMES) {
            return text.indexOf(REPLACEMENT) < 0;
        }
        return ascii(text);
    }

    /** Whether a text can become a path through {@link Path#of(String, String...)} without losing a byte. */
    private static boolean plainText(String text) {
        return UTF8_NAMES ? !hasRawBytes(text) : ascii(text);
    }

    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * The raw bytes of a path, exactly as it is (relative or absolute), from its percent-encoded file URI.
     * {@link Path#toUri()} makes a relative path absolute and stats it (following symlinks) to mark a folder
     * with a slash; the path is therefore put under {@link #NOWHERE}, where that stat fails at once and
     * nothing of the evidence, or of the host a symlink may point to, is looked at.
     */
    private static byte[] rawBytes(Path path) {
        boolean absolute = path.isAbsolute();
        Path relative = absolute ? path.getRoot().relativize(path) : path;
        if (relative.toString().isEmpty()) {
            return absolute ? new byte[] {'/'} : new byte[0];
        }
        String raw = NOWHERE.resolve(relative).toUri().getRawPath();
        int start = NOWHERE_PREFIX.length();
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        if (absolute) {
            out.write('/');
        }
        for (int i = start; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                out.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static String percentEncode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte value : bytes) {
            int b = value & 0xff;
            if (b == '/' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
                    || b == '-' || b == '_' || b == '.' || b == '~') {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }
}
