package io.github.drydock.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one checked exception of drydock: something in a Docker root could not be read or produced.
 * It carries the path it is about, when there is one.
 */
public class DockerStorageException extends IOException {
    private final transient Path path;

    /**
     * @param message what failed, which object, where
     * @param path    the file concerned, or {@code null}
     */
    public DockerStorageException(String message, Path path) {
        super(message);
        this.path = path;
    }

    /**
     * @param message what failed, which object, where
     * @param path    the file concerned, or {@code null}
     * @param cause   the underlying failure
     */
    public DockerStorageException(String message, Path path, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** @return the file this failure is about, if known */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }
}
