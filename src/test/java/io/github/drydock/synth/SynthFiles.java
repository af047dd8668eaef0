package io.github.drydock.synth;

import java.io.IOException;
import java.nio.file.Path;

/** File helpers of the generator that other test packages may use. */
public final class SynthFiles {
    private SynthFiles() {
    }

    /**
     * Deletes a tree without ever following a symlink (a root holds absolute symlinks such as
     * {@code etc/mtab -> /proc/mounts}).
     *
     * @param path the tree
     * @throws IOException when something cannot be deleted
     */
    public static void deleteTree(Path path) throws IOException {
        LayerWriter.deleteTree(path);
    }
}
