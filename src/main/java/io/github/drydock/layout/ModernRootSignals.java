package io.github.drydock.layout;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a root's folder listings and modification times say about its 1.10+ metadata: which
 * {@code image/<driver>} trees exist and hold anything, which one the daemon wrote last, and whether
 * Docker 29's containerd image store holds the images instead. Reads listings and times only.
 * Sources: moby/moby {@code daemon/graphdriver/driver.go} ({@code scanPriorDrivers}, priority list),
 * {@code daemon/image_store_choice.go} (docker-v29.0.0); see spec/docker-modern-layout-and-archives.md §1, §1.11.
 */
final class ModernRootSignals {
    /** Docker's Linux driver priority since 17.x; breaks ties when times and containers cannot. */
    static final List<String> PRIORITY = List.of(
            "overlay2", "fuse-overlayfs", "btrfs", "zfs", "aufs", "overlay", "devicemapper", "vfs");
    /** The content store plugin folder of containerd. */
    static final String CONTAINERD_CONTENT = "io.containerd.content.v1.content";
    /** Prefix of containerd snapshotter plugin folders ({@code io.containerd.snapshotter.v1.overlayfs}). */
    static final String CONTAINERD_SNAPSHOTTER = "io.containerd.snapshotter.v1.";
    /** Where Docker 29 runs its own containerd, under the Docker root. */
    static final String DOCKER_CONTAINERD = RootDetector.CONTAINERD + "/daemon";
    /** Where a system containerd keeps its state, under the host's {@code /}. */
    static final String SYSTEM_CONTAINERD = "var/lib/containerd";
    private static final String BLOBS = "blobs";

    private ModernRootSignals() {
    }

    /** @return the drivers with an {@code image/<driver>/imagedb} or {@code layerdb}, sorted */
    static List<String> metadataDrivers(Path root) {
        Path image = root.resolve(RootDetector.IMAGE);
        return RootDetector.subfolders(image).stream()
                .filter(d -> isFolder(image.resolve(d).resolve(ModernFiles.IMAGEDB))
                        || isFolder(image.resolve(d).resolve(ModernFiles.LAYERDB)))
                .toList();
    }

    /** @return true when the tree holds at least one image config, layer or container mount */
    static boolean hasContent(Path tree) {
        return hasEntry(tree.resolve(ModernFiles.IMAGEDB).resolve(ModernFiles.CONTENT).resolve(ModernFiles.SHA256))
                || hasEntry(tree.resolve(ModernFiles.LAYERDB).resolve(ModernFiles.SHA256))
                || hasEntry(tree.resolve(ModernFiles.LAYERDB).resolve(ModernFiles.MOUNTS));
    }

    /**
     * Picks the tree the daemon used last: the one whose metadata folders changed last (every pull,
     * build, tag, container create or delete rewrites one of them); on a tie the one holding the
     * read-write layers of more existing containers; then Docker's own priority. The daemon itself
     * refuses to guess between several non-empty driver homes, so a user chose; times tell which.
     *
     * @param root    the Docker root
     * @param drivers the drivers with a tree
     * @param notes   receives a note naming the choice when there was one to make
     * @return the active driver, or null when there is none
     */
    static String pickActive(Path root, List<String> drivers, List<String> notes) {
        if (drivers.size() <= 1) {
            return drivers.isEmpty() ? null : drivers.get(0);
        }
        Set<String> containers = new HashSet<>(RootDetector.subfolders(root.resolve(RootDetector.CONTAINERS)));
        List<Candidate> candidates = new ArrayList<>();
        for (String driver : drivers) {
            Path tree = root.resolve(RootDetector.IMAGE).resolve(driver);
            candidates.add(new Candidate(driver, lastWritten(tree), liveMounts(tree, containers), priority(driver)));
        }
        candidates.sort(null);
        Candidate best = candidates.get(0);
        Candidate next = candidates.get(1);
        String why = best.written().compareTo(next.written()) != 0 ? "its metadata was written last"
                : best.mounts() != next.mounts() ? "it holds the layers of more existing containers"
                : "Docker prefers it";
        notes.add("image metadata of several drivers (" + String.join(", ", drivers) + "): " + best.driver()
                + " is read because " + why + "; the others are listed as drivers only");
        return best.driver();
    }

    /** A driver tree's standing; sorts best first. */
    private record Candidate(String driver, FileTime written, int mounts, int priority)
            implements Comparable<Candidate> {
        @Override
        public int compareTo(Candidate other) {
            int byTime = other.written.compareTo(written);
            if (byTime != 0) {
                return byTime;
            }
            return mounts != other.mounts ? Integer.compare(other.mounts, mounts) : Integer.compare(priority, other.priority);
        }
    }

    private static FileTime lastWritten(Path tree) {
        FileTime latest = FileTime.fromMillis(0);
        for (Path path : List.of(tree, tree.resolve(ModernFiles.REPOSITORIES_JSON),
                tree.resolve(ModernFiles.IMAGEDB).resolve(ModernFiles.CONTENT).resolve(ModernFiles.SHA256),
                tree.resolve(ModernFiles.IMAGEDB).resolve(ModernFiles.METADATA).resolve(ModernFiles.SHA256),
                tree.resolve(ModernFiles.LAYERDB).resolve(ModernFiles.SHA256),
                tree.resolve(ModernFiles.LAYERDB).resolve(ModernFiles.MOUNTS))) {
            try {
                FileTime time = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
                latest = time.compareTo(latest) > 0 ? time : latest;
            } catch (IOException e) {
                // absent: says nothing
            }
        }
        return latest;
    }

    private static int liveMounts(Path tree, Set<String> containers) {
        return (int) RootDetector.subfolders(tree.resolve(ModernFiles.LAYERDB).resolve(ModernFiles.MOUNTS)).stream()
                .filter(containers::contains).count();
    }

    private static int priority(String driver) {
        int index = PRIORITY.indexOf(driver);
        return index < 0 ? PRIORITY.size() : index;
    }

    /**
     * Finds a containerd content store that holds blobs: Docker 29's own ({@code containerd/daemon}),
     * any other below {@code containerd/}, or — only when the root has no {@code image/} folder at
     * all — the system containerd of the opened disk.
     *
     * @param root           the Docker root
     * @param filesystemRoot the folder standing for the host's {@code /}, or null
     * @return the containerd state folder (the parent of {@code io.containerd.content.v1.content})
     */
    static Optional<Path> containerdStore(Path root, Path filesystemRoot) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(root.resolve(DOCKER_CONTAINERD));
        candidates.add(root.resolve(RootDetector.CONTAINERD));
        RootDetector.subfolders(root.resolve(RootDetector.CONTAINERD))
                .forEach(name -> candidates.add(root.resolve(RootDetector.CONTAINERD).resolve(name)));
        if (filesystemRoot != null && !Files.exists(root.resolve(RootDetector.IMAGE), LinkOption.NOFOLLOW_LINKS)) {
            candidates.add(filesystemRoot.resolve(SYSTEM_CONTAINERD));
        }
        return candidates.stream()
                .filter(c -> hasEntry(c.resolve(CONTAINERD_CONTENT).resolve(BLOBS).resolve(ModernFiles.SHA256)))
                .findFirst();
    }

    /** @return the note telling where the images are, naming the snapshotters found */
    static String containerdNote(Path root, Path store) {
        List<String> snapshotters = RootDetector.subfolders(store).stream()
                .filter(n -> n.startsWith(CONTAINERD_SNAPSHOTTER))
                .map(n -> n.substring(CONTAINERD_SNAPSHOTTER.length())).toList();
        String where = store.startsWith(root) ? root.relativize(store) + "/" : store.toString();
        return "images live in the containerd image store (" + where
                + (snapshotters.isEmpty() ? "" : ", snapshotter " + String.join(", ", snapshotters))
                + "); reading them is not supported yet: containers and volumes are still listed";
    }

    private static boolean isFolder(Path dir) {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
    }

    /** True when the folder (not a symlink) lists at least one entry. */
    private static boolean hasEntry(Path dir) {
        if (!isFolder(dir)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return entries.iterator().hasNext();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
