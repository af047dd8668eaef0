package io.github.drydock.testing;

import io.github.drydock.driver.Node;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.FileType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link NodeInspector} for tests that need device nodes or {@code trusted.*} attributes without root:
 * real {@code lstat} for everything, except nodes declared here as devices (a placeholder file stands
 * for them on disk), and attributes only from what was declared here.
 */
public final class UnionFakeInspector implements NodeInspector {
    private final NodeInspector real = NodeInspector.system();
    private final Map<Path, int[]> devices = new HashMap<>();
    private final Map<Path, FileType> types = new HashMap<>();
    private final Map<Path, Map<String, byte[]>> attributes = new HashMap<>();
    private final Map<Path, long[]> owners = new HashMap<>();
    private String limitation;
    private int xattrCalls;

    /** Makes {@code path} (an existing placeholder) look like a character device {@code major:minor}. */
    public UnionFakeInspector device(Path path, FileType type, int major, int minor) {
        devices.put(path, new int[] {major, minor});
        types.put(path, type);
        return this;
    }

    /** Makes {@code path} look like an overlay whiteout (character device 0:0). */
    public UnionFakeInspector overlayWhiteout(Path path) {
        return device(path, FileType.CHAR, 0, 0);
    }

    /** Makes {@code path} (an existing placeholder) look like a FIFO. */
    public UnionFakeInspector fifo(Path path) {
        types.put(path, FileType.FIFO);
        return this;
    }

    /** Declares an extended attribute. */
    public UnionFakeInspector xattr(Path path, String name, String value) {
        return xattr(path, name, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Declares an extended attribute with a binary value. */
    public UnionFakeInspector xattr(Path path, String name, byte[] value) {
        attributes.computeIfAbsent(path, p -> new HashMap<>()).put(name, value.clone());
        return this;
    }

    /** Makes a node look owned by {@code uid:gid}. */
    public UnionFakeInspector owner(Path path, long uid, long gid) {
        owners.put(path, new long[] {uid, gid});
        return this;
    }

    /** Makes {@code path} (an existing placeholder) look like a node of another type (e.g. a socket). */
    public UnionFakeInspector type(Path path, FileType type) {
        types.put(path, type);
        return this;
    }

    /** Marks an overlay folder opaque ({@code trusted.overlay.opaque=y}). */
    public UnionFakeInspector opaque(Path folder) {
        return xattr(folder, "trusted.overlay.opaque", "y");
    }

    /** Pretends that some attributes are invisible. */
    public UnionFakeInspector limitation(String why) {
        this.limitation = why;
        return this;
    }

    /** @return how often attributes were asked for */
    public int xattrCalls() {
        return xattrCalls;
    }

    @Override
    public Node stat(Path path) throws IOException {
        Node node = real.stat(path);
        long[] owner = owners.getOrDefault(path, new long[] {node.uid(), node.gid()});
        FileType type = types.getOrDefault(path, node.type());
        int[] numbers = devices.getOrDefault(path, new int[] {node.devMajor(), node.devMinor()});
        long size = types.containsKey(path) ? 0 : node.size();
        return new Node(type, node.mode(), owner[0], owner[1], size, node.mtime(), node.atime(), node.ctime(),
                numbers[0], numbers[1], node.device(), node.inode(), node.linkCount());
    }

    @Override
    public Map<String, byte[]> xattrs(Path layerRoot, Path path) {
        xattrCalls++;
        return attributes.getOrDefault(path, Map.of());
    }

    @Override
    public Optional<String> limitation() {
        return Optional.ofNullable(limitation);
    }
}
