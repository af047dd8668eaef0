package io.github.drydock.model;

import java.util.Objects;

/**
 * Damage found while reading one item of a Docker root: the rest of the root is still read.
 *
 * @param path    the file or folder that is damaged, as a path string (absolute, under the opened root)
 * @param message what is wrong, naming the object, plus a hint where one helps
 */
public record Problem(String path, String message) {
    /** Validates that both parts are present. */
    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
