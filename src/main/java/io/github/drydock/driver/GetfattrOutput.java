package io.github.drydock.driver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reads what {@code getfattr -d -e hex} prints: attributes on stdout, per-node failures on stderr. */
final class GetfattrOutput {
    private static final String FILE_HEADER = "# file: ";

    private GetfattrOutput() {
    }

    /** Lines {@code getfattr: <path>: <message>} become path → message. */
    static Map<String, String> errors(String stderr) {
        Map<String, String> errors = new HashMap<>();
        for (String line : stderr.split("\n")) {
            if (line.startsWith(GetfattrBatches.PROGRAM + ": ")) {
                String rest = line.substring(GetfattrBatches.PROGRAM.length() + 2);
                int split = rest.lastIndexOf(": ");
                if (split > 0) {
                    errors.put(rest.substring(0, split), rest.substring(split + 2));
                }
            }
        }
        return errors;
    }

    /**
     * Parses {@code getfattr -d -e hex} output: blocks of {@code # file: <name>} then {@code key=0x<hex>}
     * lines. Names escape {@code \}, newline and other control bytes as {@code \ooo}; other bytes are raw.
     *
     * @param in the output, read to its end
     * @return absolute path string → attribute name → value
     * @throws IOException when reading fails
     */
    static Map<String, Map<String, byte[]>> parse(InputStream in) throws IOException {
        Map<String, Map<String, byte[]>> result = new HashMap<>();
        String current = null;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    current = parseLine(line.toByteArray(), current, result);
                    line.reset();
                } else {
                    line.write(buffer[i]);
                }
            }
        }
        parseLine(line.toByteArray(), current, result);
        return result;
    }

    private static String parseLine(byte[] raw, String current, Map<String, Map<String, byte[]>> result) {
        String text = new String(unescape(raw), StandardCharsets.UTF_8);
        if (text.startsWith(FILE_HEADER)) {
            return text.substring(FILE_HEADER.length());
        }
        if (text.isEmpty() || current == null) {
            return current;
        }
        int eq = text.indexOf('=');
        String name = eq < 0 ? text : text.substring(0, eq);
        byte[] value = eq < 0 ? new byte[0] : decodeValue(text.substring(eq + 1));
        result.computeIfAbsent(current, k -> new HashMap<>()).put(name, value);
        return current;
    }

    private static byte[] decodeValue(String value) {
        if (value.startsWith("0x")) {
            String hex = value.substring(2);
            byte[] bytes = new byte[hex.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            }
            return bytes;
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).getBytes(StandardCharsets.UTF_8);
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Turns {@code \ooo} octal escapes back into bytes. */
    static byte[] unescape(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\\' && i + 3 < raw.length && isOctal(raw[i + 1]) && isOctal(raw[i + 2])
                    && isOctal(raw[i + 3])) {
                out.write(((raw[i + 1] - '0') << 6) | ((raw[i + 2] - '0') << 3) | (raw[i + 3] - '0'));
                i += 3;
            } else {
                out.write(raw[i]);
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(byte b) {
        return b >= '0' && b <= '7';
    }
}
