package io.github.drydock;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@link Repack} writes an archive: a tar file, a folder (an OCI image layout, or an unpacked
 * {@code docker save}), or a stream. Files and folders appear under their final name only when complete.
 */
public sealed interface RepackTarget {
    /**
     * A tar file, written under a temp name in the same folder and renamed when complete.
     *
     * @param path the file
     */
    record File(Path path) implements RepackTarget {
        /** Validates the path. */
        public File {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * A folder that does not exist yet or is empty.
     *
     * @param path the folder
     */
    record Folder(Path path) implements RepackTarget {
        /** Validates the path. */
        public Folder {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * A stream, flushed and never closed; on failure it holds a partial archive (with {@code strict}, every
     * layer is checked before the first byte is written).
     *
     * @param out the stream
     */
    record Stream(OutputStream out) implements RepackTarget {
        /** Validates the stream. */
        public Stream {
            Objects.requireNonNull(out, "out");
        }
    }

    /** @return a description for messages and reports: the path, or {@code -} for a stream */
    default String describe() {
        if (this instanceof File file) {
            return file.path().toString();
        }
        return this instanceof Folder folder ? folder.path() + "/" : "-";
    }
}
