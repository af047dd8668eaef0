package io.github.drydock.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.github.drydock.model.FileNames;

import java.io.IOException;

/**
 * Writes text as JSON, keeping file name bytes that are not UTF-8: such a byte is carried in a Java string
 * as a lone surrogate {@code U+DC80}–{@code U+DCFF} ({@link FileNames}), which Jackson cannot encode as
 * UTF-8; it is written as the escape <code>&#92;udcHH</code> instead. That is valid JSON text, and the convention
 * of PEP 383: Python's {@code json.loads} then {@code os.fsencode} gives back the exact bytes. Every other
 * string is written as usual.
 */
final class FileNameTextSerializer extends StdSerializer<String> {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    FileNameTextSerializer() {
        super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (!FileNames.hasRawBytes(value)) {
            gen.writeString(value);
            return;
        }
        StringBuilder literal = new StringBuilder(value.length() + 16).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                literal.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) && !validPair(value, i)) {
                literal.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                        .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            } else {
                literal.append(c);
            }
        }
        gen.writeRawValue(literal.append('"').toString());
    }

    /** Whether the surrogate at {@code i} is half of a real pair (a character beyond U+FFFF). */
    private static boolean validPair(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}
