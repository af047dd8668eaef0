package io.github.drydock.layout;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a Docker-managed volume's data lives, for every generation: {@code volumes/<name>/_data}
 * (1.7+; after the 1.7 migration a symlink to the absolute old path {@code <ROOT>/vfs/dir/<id>}),
 * else {@code vfs/dir/<id>} (0.7–1.6), else {@code volumes/<name>/} itself (1.7 release candidates).
 * Symlinks are followed one hop and only inside the root. See spec/docker-legacy-layout.md §7.3–7.4.
 */
final class VolumeData {
    /** The data folder of a 1.7+ local volume. */
    static final String DATA = "_data";
    /** The vfs driver home, which holds 0.7–1.6 volume data whatever the storage driver. */
    static final String VFS = "vfs";
    /** The vfs driver's layer folder. */
    static final String DIR = "dir";
    /** 1.10+ bbolt volume metadata, not a volume. */
    static final String METADATA_DB = "metadata.db";
    /** A block device node the daemon creates for quotas: never a volume, never opened. */
    static final String BACKING_FS_BLOCK_DEV = "backingFsBlockDev";
    /** 1.3–1.6 volume record. */
    static final String LEGACY_CONFIG = "config.json";
    /** 0.7–1.2 image-shaped volume record. */
    static final String LEGACY_JSON = "json";
    /** 0.7–1.2 volume size record. */
    static final String LEGACY_LAYERSIZE = "layersize";
    /** 1.7+ options of a volume created with driver options. */
    static final String OPTS = "opts.json";
    /** Files a volume folder holds besides its data; anything else means 1.7-RC data in place. */
    private static final Set<String> METADATA_NAMES = Set.of(DATA, LEGACY_CONFIG, LEGACY_JSON, LEGACY_LAYERSIZE, OPTS);
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private VolumeData() {
    }

    /**
     * Where a volume's data was found.
     *
     * @param path    the data folder on the opened disk, or null
     * @param source  {@code volumes} or {@code vfs/dir}, or null when nothing was found
     * @param refusal why a folder that exists was not used (a symlink out of the root, a dangling
     *                symlink, not a folder), or null
     */
    record Location(Path path, String source, String refusal) {
    }

    /** @return {@code ROOT/vfs/dir} */
    static Path vfsDir(RootContext context) {
        return context.root().resolve(VFS).resolve(DIR);
    }

    /** @return {@code vfs/dir} as a relative path with {@code /} separators */
    static String vfsDirName() {
        return VFS + "/" + DIR;
    }

    /** @return true for 64 lowercase hex characters (a generated id or anonymous volume name) */
    static boolean isHexId(String name) {
        return name != null && HEX64.matcher(name).matches();
    }

    /** @return true for a name that is one plain path segment */
    static boolean validName(String name) {
        return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\0') < 0;
    }

    /**
     * Teaches the context the root's original location from the {@code _data} symlinks the 1.7
     * migration left ({@code volumes/<id>/_data -> /srv/docker/vfs/dir/<id>} teaches {@code /srv/docker}).
     * Call before anything is rebased.
     *
     * @param context the opened root
     */
    static void learnOriginalRoots(RootContext context) {
        Path volumes = context.root().resolve(RootDetector.VOLUMES);
        if (!Files.isDirectory(volumes, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(volumes)) {
            for (Path entry : entries) {
                Path data = entry.resolve(DATA);
                if (Files.isSymbolicLink(data)) {
                    String name = entry.getFileName().toString();
                    context.learnOriginalRoot(Files.readSymbolicLink(data).toString(), vfsDirName() + "/" + name);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable: VolumeStore reports it when it lists the same folder.
        }
    }

    /**
     * Finds a volume's data folder.
     *
     * @param context the opened root
     * @param name    the volume name or id
     * @return where the data is, or why it was refused; both null fields when nothing is there
     */
    static Location locate(RootContext context, String name) {
        if (!validName(name)) {
            return new Location(null, null, "the volume name is not a plain folder name");
        }
        Path folder = context.root().resolve(RootDetector.VOLUMES).resolve(name);
        Path data = folder.resolve(DATA);
        if (Files.isSymbolicLink(data)) {
            return followData(context, data);
        }
        if (Files.isDirectory(data, LinkOption.NOFOLLOW_LINKS)) {
            return new Location(data, RootDetector.VOLUMES, null);
        }
        if (MetadataFile.present(data)) {
            return new Location(null, RootDetector.VOLUMES, data + " is not a folder");
        }
        Path vfs = vfsDir(context).resolve(name);
        if (Files.isDirectory(vfs, LinkOption.NOFOLLOW_LINKS)) {
            return new Location(vfs, vfsDirName(), null);
        }
        if (holdsDataInPlace(folder)) {
            return new Location(folder, RootDetector.VOLUMES, null);
        }
        return new Location(null, null, null);
    }

    private static Location followData(RootContext context, Path data) {
        String target;
        try {
            target = Files.readSymbolicLink(data).toString();
        } catch (IOException | RuntimeException e) {
            return new Location(null, RootDetector.VOLUMES, "cannot read the symlink " + data + ": "
                    + MetadataFile.describe(e));
        }
        Optional<Path> followed = context.followInsideRoot(data);
        if (followed.isEmpty()) {
            return new Location(null, RootDetector.VOLUMES, data + " is a symlink to " + target
                    + ", outside the root: not followed");
        }
        Path resolved = followed.get();
        if (!Files.isDirectory(resolved, LinkOption.NOFOLLOW_LINKS)) {
            return new Location(null, RootDetector.VOLUMES, data + " is a symlink to " + target
                    + ", which is not a folder in the opened root (" + resolved + ")");
        }
        String source = resolved.startsWith(vfsDir(context)) ? vfsDirName() : RootDetector.VOLUMES;
        return new Location(resolved, source, null);
    }

    /** 1.7 release candidates kept the data directly in {@code volumes/<name>/}. */
    private static boolean holdsDataInPlace(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (!METADATA_NAMES.contains(entry.getFileName().toString())) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
