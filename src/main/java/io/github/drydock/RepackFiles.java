package io.github.drydock;

import io.github.drydock.model.DockerStorageException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Small metadata files of the root read whole, with a size guard, never through a symlink. */
final class RepackFiles {
    private RepackFiles() {
    }

    /**
     * @param file the file
     * @param max  the largest size accepted
     * @param what what it is, for messages
     * @return its bytes
     * @throws DockerStorageException when it is not a regular file, is too large or cannot be read
     */
    static byte[] read(Path file, long max, String what) throws DockerStorageException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || attributes.size() > max) {
                throw new DockerStorageException(what + " " + file + " is not a regular file of at most " + max
                        + " bytes", file);
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                if (bytes.length > max) {
                    throw new DockerStorageException(what + " " + file + " grew past " + max + " bytes", file);
                }
                return bytes;
            }
        } catch (DockerStorageException e) {
            throw e;
        } catch (IOException e) {
            throw new DockerStorageException("cannot read " + what + " " + file + ": " + e.getMessage(), file, e);
        }
    }
}
