package io.github.drydock.synth;

/** The storage generation and driver of a synthetic root, and how its layer folders record deletions. */
public enum Flavor {
    /** Docker 1.9, aufs driver, {@code vfs/dir} volumes, {@code graph/} image metadata. */
    LEGACY_AUFS(false, "aufs", Whiteouts.AUFS),
    /** Docker 1.10+, overlay2 driver: whiteouts are 0:0 char devices and an opaque xattr (root only). */
    MODERN_OVERLAY2(true, "overlay2", Whiteouts.OVERLAY),
    /** Docker 1.10–23, aufs driver: {@code .wh.} files on disk. */
    MODERN_AUFS(true, "aufs", Whiteouts.AUFS),
    /** Docker 1.10+, vfs driver: every layer folder is a full snapshot, deletions are just absent. */
    MODERN_VFS(true, "vfs", Whiteouts.NONE);

    /** How a layer folder on disk records a deleted path or an opaque folder. */
    public enum Whiteouts {
        /** {@code .wh.<name>} files and {@code .wh..wh..opq} markers, exactly as in the layer tar. */
        AUFS,
        /** char device 0:0 and {@code trusted.overlay.opaque=y} (needs root to create). */
        OVERLAY,
        /** a snapshot: deleted paths are absent. */
        NONE
    }

    private final boolean modern;
    private final String driver;
    private final Whiteouts whiteouts;

    Flavor(boolean modern, String driver, Whiteouts whiteouts) {
        this.modern = modern;
        this.driver = driver;
        this.whiteouts = whiteouts;
    }

    /** @return true for the 1.10+ image store */
    public boolean modern() {
        return modern;
    }

    /** @return the driver folder name */
    public String driver() {
        return driver;
    }

    /** @return how deletions are stored */
    public Whiteouts whiteouts() {
        return whiteouts;
    }

    /** @return true when each layer folder is a full snapshot */
    public boolean snapshots() {
        return whiteouts == Whiteouts.NONE;
    }

    /**
     * @param name {@code legacy-aufs}, {@code overlay2}, {@code aufs}, {@code vfs} (or the enum name)
     * @return the flavor
     */
    public static Flavor parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
            case "legacy-aufs", "legacy" -> LEGACY_AUFS;
            case "overlay2", "modern-overlay2" -> MODERN_OVERLAY2;
            case "aufs", "modern-aufs" -> MODERN_AUFS;
            case "vfs", "modern-vfs" -> MODERN_VFS;
            default -> throw new IllegalArgumentException("unknown flavor " + name
                    + " (legacy-aufs, overlay2, aufs, vfs)");
        };
    }
}
