package io.github.drydock.driver;

import com.sun.security.auth.module.UnixSystem;
import io.github.drydock.model.FileType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real host's {@link NodeInspector}: {@code lstat} through OpenJDK's {@code unix} attribute view;
 * extended attributes through {@code getfattr} when it is installed, else {@code user.*} only through
 * {@link UserDefinedFileAttributeView} (which opens the node, so only regular files and folders are asked).
 */
final class HostNodeInspector implements NodeInspector {
    private static final String USER_PREFIX = "user.";
    /**
     * Exactly the {@code lstat} fields {@link Node} needs. Not {@code unix:*}: that also asks for the owner
     * and group NAMES, a passwd/group (or NSS service) lookup per node that costs far more than the lstat.
     */
    static final String STAT_FIELDS = "unix:mode,uid,gid,size,lastModifiedTime,lastAccessTime,ctime,rdev,dev,ino,"
            + "nlink";

    private Boolean getfattr;
    private Boolean root;
    private final GetfattrBatches batches = new GetfattrBatches();

    @Override
    public Node stat(Path path) throws IOException {
        try {
            Node fast = UnixLstat.lstat(path);
            if (fast != null) {
                return fast;
            }
            return Node.fromUnixAttributes(Files.readAttributes(path, STAT_FIELDS, LinkOption.NOFOLLOW_LINKS));
        } catch (UnsupportedOperationException e) {
            throw new IOException("cannot read " + path + ": this Java has no 'unix' attribute view (Linux OpenJDK"
                    + " is needed to tell devices, FIFOs and inodes apart)", e);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Map<String, byte[]> xattrs(Path layerRoot, Path path) throws IOException {
        if (hasGetfattr()) {
            return batches.read(layerRoot, path);
        }
        return userAttributes(path);
    }

    @Override
    public synchronized void prefetch(List<Path> layerRoots, List<Path> folders) {
        if (layerRoots.size() != folders.size()) {
            throw new IllegalArgumentException("one layer root per folder is needed");
        }
        if (hasGetfattr()) {
            batches.prefetch(layerRoots, folders);
        }
    }

    @Override
    public synchronized Optional<String> limitation() {
        if (!hasGetfattr()) {
            return Optional.of(GetfattrBatches.PROGRAM + " not found (install the 'attr' package): only user.*"
                    + " extended attributes can be read");
        }
        if (!isRoot()) {
            return Optional.of("not running as root: trusted.* extended attributes are invisible");
        }
        return Optional.empty();
    }

    private boolean hasGetfattr() {
        if (getfattr == null) {
            getfattr = GetfattrBatches.available();
        }
        return getfattr;
    }

    private boolean isRoot() {
        if (root == null) {
            root = new UnixSystem().getUid() == 0;
        }
        return root;
    }

    /** Java can read user.* only, and only by opening the node: never a FIFO, socket, device or symlink. */
    private Map<String, byte[]> userAttributes(Path path) throws IOException {
        FileType type = stat(path).type();
        if (type != FileType.FILE && type != FileType.DIR) {
            return Map.of();
        }
        UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return Map.of();
        }
        Map<String, byte[]> result = new HashMap<>();
        try {
            for (String name : view.list()) {
                ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
                view.read(name, buffer);
                result.put(USER_PREFIX + name, buffer.array());
            }
        } catch (UnsupportedOperationException e) {
            return Map.of();
        }
        return result;
    }
}
