package io.github.drydock.layout;

import io.github.drydock.driver.LegacyDriverPaths;
import io.github.drydock.driver.ModernAufsPaths;
import io.github.drydock.driver.ModernOverlay2Paths;
import io.github.drydock.driver.ModernOverlayPaths;
import io.github.drydock.driver.ModernSnapshotPaths;
import io.github.drydock.model.LayerFolderKind;
import io.github.drydock.model.OrphanReason;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lists the layer folders in each driver's home (see {@link LayerInventory}). One method per driver
 * layout; the drivers' folder names come from the {@code driver} package.
 */
final class LayerInventoryDrivers {
    /** devicemapper: one JSON record per thin device. */
    static final String DEVICEMAPPER_METADATA = "metadata";
    /** devicemapper and aufs: mount points. */
    static final String MNT = ModernAufsPaths.MNT;
    /** zfs: mount points of the datasets, empty offline. */
    static final String ZFS_GRAPH = "graph";
    /** aufs 0.7: {@code tmp/{diff,mnt}/<id>} held layers being removed. */
    static final String AUFS_TMP = "tmp";
    /** devicemapper records that describe the pool, not a layer. */
    private static final List<String> DEVICEMAPPER_POOL_RECORDS =
            List.of("base", "deviceset-metadata", "transaction-metadata");
    /** Longest {@code link} file read (Docker writes 26 characters). */
    private static final long MAX_LINK_BYTES = 256;

    private final RootContext context;
    private final Map<String, LayerInventory.Found> found = new LinkedHashMap<>();
    private final Map<String, LayerInventory.ShortLink> shortLinks = new TreeMap<>();

    LayerInventoryDrivers(RootContext context) {
        this.context = context;
    }

    /** @return every folder found so far */
    List<LayerInventory.Found> found() {
        return new ArrayList<>(found.values());
    }

    /** @return every overlay2 short link found so far, sorted by driver and name */
    List<LayerInventory.ShortLink> shortLinks() {
        return new ArrayList<>(shortLinks.values());
    }

    /**
     * Lists one driver's home.
     *
     * @param driver Docker's name of the driver
     * @param home   its home folder (a real folder)
     */
    void scan(String driver, Path home) {
        switch (driver) {
            case "aufs" -> aufs(home);
            case "overlay2", "fuse-overlayfs" -> overlay2(driver, home);
            case "overlay" -> overlay(home);
            case "vfs" -> plain(driver, home.resolve(ModernSnapshotPaths.VFS_DIR), LayerFolderKind.SNAPSHOT);
            case "btrfs" -> plain(driver, home.resolve(ModernSnapshotPaths.BTRFS_SUBVOLUMES), LayerFolderKind.SNAPSHOT);
            case "devicemapper" -> devicemapper(home);
            case "zfs" -> plain(driver, home.resolve(ZFS_GRAPH), LayerFolderKind.UNREADABLE);
            default -> {
                // a driver drydock cannot read (windowsfilter, a plugin): its home is not listed
            }
        }
    }

    /** aufs: {@code diff/<id>} holds the files; {@code layers/<id>} and {@code mnt/<id>} belong to the same id. */
    private void aufs(Path home) {
        String driver = LegacyDriverPaths.AUFS.driverName();
        for (Path entry : entries(home.resolve(ModernAufsPaths.DIFF))) {
            add(driver, entry, content(entry), LayerFolderKind.DIFF);
        }
        for (String part : List.of(ModernAufsPaths.LAYERS, MNT)) {
            for (Path entry : entries(home.resolve(part))) {
                attach(driver, entry);
            }
        }
        for (String part : List.of(ModernAufsPaths.DIFF, MNT)) {
            for (Path entry : entries(home.resolve(AUFS_TMP).resolve(part))) {
                String id = entry.getFileName().toString();
                put(driver + "/" + AUFS_TMP + "/" + part + "/" + id, new LayerInventory.Found(driver, id, entry,
                        List.of(), content(entry), LayerFolderKind.DIFF, -1, OrphanReason.REMOVING));
            }
        }
    }

    /** overlay2: {@code <id>/diff} holds the files; {@code l/<short>} are symlinks to them. */
    private void overlay2(String driver, Path home) {
        ModernOverlay2Paths paths = new ModernOverlay2Paths(driver, home);
        for (Path entry : entries(home)) {
            String id = entry.getFileName().toString();
            if (id.equals(ModernOverlay2Paths.LINK_DIR)) {
                continue;
            }
            Path folder = content(entry);
            Path diff = inner(folder, ModernOverlay2Paths.DIFF);
            add(driver, entry, diff != null ? diff : folder, LayerFolderKind.DIFF);
            if (folder != null) {
                linkFile(paths, id, folder.resolve(ModernOverlay2Paths.LINK));
            }
        }
        for (Path link : entries(home.resolve(ModernOverlay2Paths.LINK_DIR))) {
            String name = link.getFileName().toString();
            String cacheId = context.followInsideRoot(link).filter(target -> !target.equals(link))
                    .flatMap(paths::idOfDiffDir).orElse(null);
            shortLinks.put(driver + "/" + name, new LayerInventory.ShortLink(driver, name, link, cacheId));
        }
    }

    /** Remembers the short name in a layer's {@code link} file, for a link whose {@code l/} entry is gone. */
    private void linkFile(ModernOverlay2Paths paths, String id, Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            String name = new String(ModernEvidence.readSmall(file, MAX_LINK_BYTES), StandardCharsets.UTF_8)
                    .strip();
            if (paths.shortLink(name).isPresent()) {
                shortLinks.putIfAbsent(paths.driver() + "/" + name,
                        new LayerInventory.ShortLink(paths.driver(), name, file, id));
            }
        } catch (IOException | RuntimeException e) {
            context.problem(file, "cannot read the short name of " + paths.driver() + " layer folder " + id + ": "
                    + file + ": " + MetadataFile.describe(e));
        }
    }

    /**
     * overlay v1: an image layer keeps the whole tree in {@code root/}, a container layer its changes in
     * {@code upper/}.
     */
    private void overlay(Path home) {
        for (Path entry : entries(home)) {
            Path folder = content(entry);
            Path root = inner(folder, ModernOverlayPaths.ROOT);
            Path upper = inner(folder, ModernOverlayPaths.UPPER);
            if (root != null) {
                add("overlay", entry, root, LayerFolderKind.SNAPSHOT);
            } else {
                add("overlay", entry, upper != null ? upper : folder, LayerFolderKind.DIFF);
            }
        }
    }

    /** devicemapper: one record per device in {@code metadata/}; {@code mnt/<id>} belongs to it. */
    private void devicemapper(Path home) {
        for (Path entry : entries(home.resolve(DEVICEMAPPER_METADATA))) {
            if (!DEVICEMAPPER_POOL_RECORDS.contains(entry.getFileName().toString())) {
                add("devicemapper", entry, null, LayerFolderKind.UNREADABLE);
            }
        }
        for (Path entry : entries(home.resolve(MNT))) {
            attach("devicemapper", entry);
        }
    }

    /** A folder of one entry per id: vfs {@code dir/}, btrfs {@code subvolumes/}, zfs {@code graph/}. */
    private void plain(String driver, Path folder, LayerFolderKind kind) {
        for (Path entry : entries(folder)) {
            add(driver, entry, kind == LayerFolderKind.UNREADABLE ? null : content(entry), kind);
        }
    }

    private void add(String driver, Path entry, Path content, LayerFolderKind kind) {
        String id = entry.getFileName().toString();
        put(driver + "/" + id, new LayerInventory.Found(driver, id, entry, List.of(), content, kind, -1, hint(id)));
    }

    /** Adds a further path to the id's entry, or lists it alone when the id has no main folder. */
    private void attach(String driver, Path entry) {
        String id = entry.getFileName().toString();
        LayerInventory.Found main = found.get(driver + "/" + id);
        if (main == null) {
            put(driver + "/" + id, new LayerInventory.Found(driver, id, entry, List.of(), null,
                    LayerFolderKind.METADATA, -1, hint(id)));
            return;
        }
        List<Path> others = new ArrayList<>(main.otherPaths());
        others.add(entry);
        found.put(driver + "/" + id, new LayerInventory.Found(driver, id, main.path(), others, main.content(),
                main.kind(), -1, main.hint()));
    }

    private void put(String key, LayerInventory.Found value) {
        found.putIfAbsent(key, value);
    }

    /** A garbage name whatever refers to it: {@code <id>-removing}, {@code _tmp}, {@code tmp}. */
    static OrphanReason hint(String name) {
        if (name.endsWith(LayerInventory.REMOVING_SUFFIX)) {
            return OrphanReason.REMOVING;
        }
        return LayerInventory.TEMPORARY_NAMES.contains(name) ? OrphanReason.TEMPORARY : null;
    }

    /** True when the folder is inside the root and no part of it below the root is a symlink. */
    private boolean realFolderInRoot(Path folder) {
        Path root = context.root();
        if (!folder.startsWith(root)) {
            return false;
        }
        Path current = root;
        for (Path part : root.relativize(folder)) {
            current = current.resolve(part);
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the files of an entry are: the folder itself; for a symlink (aufs {@code diff/<id>} after the
     * pre-0.7 migration) its target when that is a folder inside the root, else nothing (a problem).
     */
    private Path content(Path entry) {
        if (!Files.isSymbolicLink(entry)) {
            return Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? entry : null;
        }
        Optional<Path> target = context.followInsideRoot(entry);
        if (target.isPresent() && realFolderInRoot(target.get())) {
            return target.get();
        }
        context.problem(entry, "layer folder " + entry.getFileName() + ": " + entry + " is a symlink that does not"
                + " lead to a folder inside the root: not followed, its files are not listed");
        return null;
    }

    /**
     * A sub-folder of a layer's real folder (already checked by {@link #content}), when it is a folder
     * itself and no symlink.
     */
    private static Path inner(Path folder, String child) {
        if (folder == null) {
            return null;
        }
        Path path = folder.resolve(child);
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? path : null;
    }

    /**
     * The entries of a folder below the root, sorted by name; empty when it is missing, unreadable or
     * reached through a symlink (a symlinked {@code tmp/} must not lead the listing out of the root).
     */
    private List<Path> entries(Path folder) {
        List<Path> result = new ArrayList<>();
        if (!realFolderInRoot(folder)) {
            return result;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(result::add);
        } catch (IOException | RuntimeException e) {
            context.problem(folder, "cannot list layer folders in " + folder + ": " + MetadataFile.describe(e));
        }
        result.sort(null);
        return result;
    }
}
