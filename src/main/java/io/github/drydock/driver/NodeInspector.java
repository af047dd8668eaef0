package io.github.drydock.driver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one seam for file-system facts Java's standard API cannot give portably: the node type including
 * devices and their numbers, inode and link count, and extended attributes of every namespace
 * ({@code trusted.overlay.opaque} marks an opaque overlay folder, {@code security.capability} travels in
 * export tars). Tests plug in a fake to simulate device nodes and attributes without root.
 *
 * <p>Implementations never follow a symlink, never open a FIFO, socket or device, and never change
 * anything on disk.
 */
public interface NodeInspector {
    /**
     * Reads a node's facts like {@code lstat(2)}: a symlink is described, not followed.
     *
     * @param path the node
     * @return its facts
     * @throws IOException when it cannot be read
     */
    Node stat(Path path) throws IOException;

    /**
     * Reads a node's extended attributes ({@code user.*}, {@code trusted.*}, {@code security.capability}),
     * without following a symlink.
     *
     * @param layerRoot the root folder of the layer the node belongs to; lets an implementation read the
     *                  attributes of a whole layer or folder in one batch
     * @param path      the node, under {@code layerRoot}
     * @return name → raw value; empty when it has none
     * @throws IOException when they cannot be read
     */
    Map<String, byte[]> xattrs(Path layerRoot, Path path) throws IOException;

    /**
     * Announces that every node below some folders is about to be read (a walk, an export), so that an
     * implementation can read their attributes in one batch instead of folder by folder. A hint only:
     * it never fails (a failure shows later, in {@link #xattrs}), and doing nothing is correct.
     *
     * @param layerRoots for each folder, the root folder of its layer
     * @param folders    the top folders of the subtrees, each {@code layerRoots.get(i)} or below it
     */
    default void prefetch(List<Path> layerRoots, List<Path> folders) {
        // nothing to prepare by default
    }

    /**
     * Says why some attributes are invisible to this inspector, e.g. {@code trusted.*} when not running
     * as root, or everything but {@code user.*} when {@code getfattr} is missing. An invisible
     * {@code trusted.overlay.opaque} makes an opaque folder look like a plain one.
     *
     * @return the reason, or empty when every namespace can be read
     */
    Optional<String> limitation();

    /**
     * The inspector for the real host: {@code lstat} through OpenJDK's {@code unix} attribute view and
     * attributes through the system's {@code getfattr} (package {@code attr}), run only when needed
     * and batched per folder, then per layer, or for a whole walk at once when it is announced
     * ({@link #prefetch}).
     *
     * @return a new inspector with its own caches; not thread-safe
     */
    static NodeInspector system() {
        return new HostNodeInspector();
    }
}
