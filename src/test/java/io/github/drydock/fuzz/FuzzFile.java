package io.github.drydock.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A file of a tiny root that fuzz input replaces. Every input first restores all the files a target
 * may touch, so an input's outcome never depends on the inputs before it (a finding must replay).
 */
final class FuzzFile {
    private final Path path;
    private final byte[] original;

    private FuzzFile(Path path, byte[] original) {
        this.path = path;
        this.original = original;
    }

    /** Remembers the file's current bytes (an absent file is restored as absent). */
    static FuzzFile of(Path path) {
        try {
            return new FuzzFile(path, Files.exists(path) ? Files.readAllBytes(path) : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Restores every file, then writes {@code bytes} into the one chosen by {@code selector}. */
    static void restoreAndPut(List<FuzzFile> files, int selector, byte[] bytes) {
        files.forEach(FuzzFile::restore);
        FuzzRoots.put(files.get(Math.floorMod(selector, files.size())).path, bytes);
    }

    /** @return the input without its first (selector) byte */
    static byte[] rest(byte[] data) {
        return data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length);
    }

    /** @return the selector: the first byte of the input, 0 for an empty input */
    static int selector(byte[] data) {
        return data.length == 0 ? 0 : data[0];
    }

    Path path() {
        return path;
    }

    void restore() {
        try {
            if (original == null) {
                Files.deleteIfExists(path);
            } else {
                Files.write(path, original);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
