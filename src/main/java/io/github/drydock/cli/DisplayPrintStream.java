package io.github.drydock.cli;

import io.github.drydock.model.FileNames;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The commands' standard output and error: text goes through {@link FileNames#display}, so a file name
 * byte that is not UTF-8 prints as {@code \xHH} rather than {@code ?}; bytes written as bytes (a tar on
 * standard output) pass through unchanged.
 */
final class DisplayPrintStream extends PrintStream {
    DisplayPrintStream(PrintStream target) {
        super(target, false, StandardCharsets.UTF_8);
    }

    @Override
    public void print(String text) {
        super.print(text == null ? null : FileNames.display(text));
    }

    @Override
    public void print(Object value) {
        print(String.valueOf(value));
    }

    @Override
    public void print(char[] text) {
        print(new String(text));
    }

    @Override
    public void println(char[] text) {
        println(new String(text));
    }
}
