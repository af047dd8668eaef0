package io.github.drydock.driver;

import io.github.drydock.model.LayerKind;

import java.util.Arrays;
import java.util.Map;

/**
 * How a layer folder on disk records deletions: the closed set of on-disk whiteout forms.
 *
 * <ul>
 *   <li>{@link #AUFS}: files named {@code .wh.<name>}, an opaque folder holds {@code .wh..wh..opq}; aufs keeps
 *       its own bookkeeping in {@code .wh..wh.plnk/}, {@code .wh..wh.aufs}, {@code .wh..wh.orph/}, never shown.
 *       Used by aufs and fuse-overlayfs, and the form OCI layer tars carry.</li>
 *   <li>{@link #OVERLAY}: a character device 0:0 with the deleted name; an opaque folder carries the
 *       attribute {@code trusted.overlay.opaque=y} ({@code user.overlay.opaque=y} for rootless daemons).
 *       Used by overlay2, containerd's overlayfs snapshotter and the overlay (v1) driver's {@code upper/}.</li>
 *   <li>{@link #NONE}: no whiteouts; the folder is a full snapshot (vfs, btrfs, zfs, overlay v1 {@code root/}).</li>
 * </ul>
 * Sources: spec/docker-modern-layout-and-archives.md §1.5–1.7 and §4; spec/docker-legacy-layout.md §5.1, §5.3.
 */
public enum WhiteoutEncoding {
    /** {@code .wh.} files. */
    AUFS,
    /** Character devices 0:0 and the opaque attribute. */
    OVERLAY,
    /** Nothing: a full snapshot. */
    NONE;

    /** Prefix of a whiteout file: {@code .wh.<name>} deletes {@code <name>} from the layers below. */
    public static final String WHITEOUT_PREFIX = ".wh.";
    /** Prefix of aufs bookkeeping names ({@code .wh..wh.*}). */
    public static final String META_PREFIX = ".wh..wh.";
    /** The marker file of an opaque folder. */
    public static final String OPAQUE_MARKER = ".wh..wh..opq";
    /** aufs pseudo-link folder (hard links across branches). */
    public static final String PSEUDO_LINK_DIR = ".wh..wh.plnk";
    /** aufs whiteout base file; aufs makes whiteouts as hard links to it. */
    public static final String WHITEOUT_BASE = ".wh..wh.aufs";
    /** aufs orphan folder. */
    public static final String ORPHAN_DIR = ".wh..wh.orph";
    /** The overlay attribute marking an opaque folder. */
    public static final String TRUSTED_OPAQUE = "trusted.overlay.opaque";
    /** The same, for rootless daemons (mount option {@code userxattr}). */
    public static final String USER_OPAQUE = "user.overlay.opaque";

    /**
     * The encoding a driver uses for a layer: aufs and fuse-overlayfs store {@code .wh.} files; overlay2,
     * overlay(fs) and the overlay v1 upper folders store devices and attributes; snapshots store none.
     * An unknown driver with diff layers is read in the OCI ({@code .wh.}) form.
     *
     * @param driver the driver name as Docker spells it
     * @param kind   how the layer keeps its bytes
     * @return the encoding
     */
    public static WhiteoutEncoding forLayer(String driver, LayerKind kind) {
        if (kind != LayerKind.DIFF) {
            return NONE;
        }
        return switch (driver == null ? "" : driver) {
            case "overlay2", "overlay", "overlayfs" -> OVERLAY;
            case "vfs", "btrfs", "zfs", "devicemapper" -> NONE;
            default -> AUFS;
        };
    }

    /**
     * Says what a name in a layer folder stands for.
     *
     * @param name the file name
     * @param node its facts
     * @return its role
     */
    public NodeRole classify(String name, Node node) {
        return switch (this) {
            case NONE -> NodeRole.ENTRY;
            case OVERLAY -> node.isOverlayWhiteout() ? NodeRole.WHITEOUT : NodeRole.ENTRY;
            case AUFS -> classifyAufs(name);
        };
    }

    private static NodeRole classifyAufs(String name) {
        if (name.equals(OPAQUE_MARKER)) {
            return NodeRole.OPAQUE_MARKER;
        }
        if (name.startsWith(META_PREFIX)) {
            return NodeRole.INTERNAL;
        }
        if (name.startsWith(WHITEOUT_PREFIX)) {
            String target = name.substring(WHITEOUT_PREFIX.length());
            // ".wh.", ".wh.." and ".wh..." name nothing that may be deleted (Docker 29 rejects them)
            boolean nothing = target.isEmpty() || target.equals(".") || target.equals("..");
            return nothing ? NodeRole.INTERNAL : NodeRole.WHITEOUT;
        }
        return NodeRole.ENTRY;
    }

    /**
     * The name a whiteout deletes.
     *
     * @param name the whiteout's own name (for {@link #classify} → {@link NodeRole#WHITEOUT})
     * @return the deleted name
     */
    public String whitedOut(String name) {
        return this == AUFS ? name.substring(WHITEOUT_PREFIX.length()) : name;
    }

    /** @return true when opaque folders are marked by an attribute of the folder (overlay) */
    public boolean opaqueByAttribute() {
        return this == OVERLAY;
    }

    /**
     * Tells an opaque overlay folder by its attributes ({@code y} in either namespace).
     *
     * @param folderAttributes the folder's extended attributes
     * @return true when it hides the lower layers' content of the same folder
     */
    public static boolean opaqueAttribute(Map<String, byte[]> folderAttributes) {
        byte[] yes = {'y'};
        return Arrays.equals(folderAttributes.get(TRUSTED_OPAQUE), yes)
                || Arrays.equals(folderAttributes.get(USER_OPAQUE), yes);
    }

    /**
     * The attribute names that belong to the overlay driver's own bookkeeping (opaque, origin, impure,
     * redirect, metacopy, uuid, ...) rather than to the file.
     *
     * @param attributeName an extended attribute name
     * @return true for {@code trusted.overlay.*} and {@code user.overlay.*}
     */
    public static boolean isOverlayBookkeeping(String attributeName) {
        return attributeName.startsWith("trusted.overlay.") || attributeName.startsWith("user.overlay.");
    }
}
