package io.github.drydock.cli;

import io.github.drydock.model.FileNames;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * What the CLI prints for people: a file name byte that is not UTF-8 (carried as an escape, see
 * {@link FileNames}) is printed as {@code \xHH}, as {@code ls -b} shows it, instead of the {@code ?} a
 * UTF-8 encoder would make of it. JSON output is not affected: it writes such bytes as <code>&#92;udcHH</code>.
 */
final class DisplayWriter extends FilterWriter {
    DisplayWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        if (Character.isSurrogate((char) c)) {
            out.write(FileNames.display(String.valueOf((char) c)));
        } else {
            out.write(c);
        }
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        write(new String(buffer, offset, length), 0, length);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        String part = text.substring(offset, offset + length);
        if (FileNames.hasRawBytes(part)) {
            part = FileNames.display(part);
        }
        out.write(part, 0, part.length());
    }
}
