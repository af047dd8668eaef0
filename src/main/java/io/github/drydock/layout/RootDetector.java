package io.github.drydock.layout;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Driver;
import io.github.drydock.model.Generation;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the Docker root in what the user opened and tells its generation and drivers, reading only
 * folder listings and modification times.
 */
public final class RootDetector {
    /** Driver home folders Docker ever used, in Docker's own priority order of the 1.x days. */
    public static final List<String> DRIVER_NAMES = List.of(
            "aufs", "btrfs", "zfs", "devicemapper", "overlay2", "overlay", "fuse-overlayfs", "vfs", "windowsfilter");
    /** Legacy image metadata folder. */
    public static final String GRAPH = "graph";
    /** Modern image metadata folder. */
    public static final String IMAGE = "image";
    /** Prefix of the legacy tag store files. */
    public static final String REPOSITORIES_PREFIX = "repositories-";
    /** Container metadata folder (both generations). */
    public static final String CONTAINERS = "containers";
    /** Volume metadata folder (both generations). */
    public static final String VOLUMES = "volumes";
    /** Where Docker 29 keeps its own containerd state. */
    public static final String CONTAINERD = "containerd";
    private static final List<String> DEFAULT_LOCATIONS = List.of("var/lib/docker", "docker");
    private static final Pattern USERNS_ROOT = Pattern.compile("\\d+\\.\\d+");
    private static final int SEARCH_DEPTH = 4;

    private RootDetector() {
    }

    /**
     * What detection found.
     *
     * @param root           the Docker root
     * @param filesystemRoot the folder standing for the host's {@code /}, or null
     * @param generation     the generation whose image metadata is read
     * @param drivers        every driver with a home folder or metadata in the root
     * @param notes          facts worth telling the user (a migrated root, a user-namespace root)
     */
    public record Detected(Path root, Path filesystemRoot, Generation generation, List<Driver> drivers,
                           List<String> notes) {
        /** Copies lists defensively. */
        public Detected {
            drivers = List.copyOf(drivers);
            notes = List.copyOf(notes);
        }

        /** @return the active driver, if any */
        public Optional<Driver> activeDriver() {
            return drivers.stream().filter(Driver::active).findFirst();
        }
    }

    /**
     * Detects the root.
     *
     * @param given the Docker root itself, or a folder above it (a mounted disk image)
     * @return what was found
     * @throws DockerStorageException when {@code given} is unreadable or holds no Docker root
     */
    public static Detected detect(Path given) throws DockerStorageException {
        Path start = given.toAbsolutePath().normalize();
        if (!Files.isDirectory(start)) {
            throw new DockerStorageException("cannot open Docker root: " + start + ": not a readable folder", start);
        }
        Path root = null;
        Path filesystemRoot = null;
        if (looksLikeRoot(start)) {
            root = start;
        } else {
            for (String location : DEFAULT_LOCATIONS) {
                Path candidate = start.resolve(location);
                if (Files.isDirectory(candidate) && looksLikeRoot(candidate)) {
                    root = candidate;
                    filesystemRoot = location.startsWith("var/") ? start : null;
                    break;
                }
            }
            if (root == null) {
                root = search(start, SEARCH_DEPTH).orElseThrow(() -> new DockerStorageException(
                        "no Docker root found in " + start + ": expected graph/, image/, containers/ or a driver"
                                + " folder (aufs, overlay2, vfs, ...); hint: pass the folder that holds them, e.g."
                                + " <mount>/var/lib/docker", start));
            }
        }
        List<String> notes = new ArrayList<>();
        Optional<Path> userns = usernsRoot(root);
        if (userns.isPresent()) {
            notes.add("user-namespace root " + userns.get().getFileName() + "/ used (daemon ran with --userns-remap)");
            root = userns.get();
        }
        return classify(root, filesystemRoot, notes);
    }

    private static Detected classify(Path root, Path filesystemRoot, List<String> notes) {
        List<String> modernDrivers = ModernRootSignals.metadataDrivers(root);
        List<String> legacyDrivers = legacyTagDrivers(root);
        boolean hasGraph = Files.isDirectory(root.resolve(GRAPH));
        Optional<Path> containerdStore = ModernRootSignals.containerdStore(root, filesystemRoot);
        boolean modernContent = modernDrivers.stream()
                .anyMatch(d -> ModernRootSignals.hasContent(root.resolve(IMAGE).resolve(d)));
        Generation generation;
        if (!modernDrivers.isEmpty() && (modernContent || containerdStore.isEmpty())) {
            generation = Generation.MODERN;
            if (hasGraph) {
                notes.add("graph/ is left over from a pre-1.10 daemon: the 1.10+ image/ metadata is read");
            }
            containerdStore.ifPresent(store -> notes.add("the containerd image store (" + root.relativize(store)
                    + "/) holds images too; only the graph driver's images are listed"));
        } else if (containerdStore.isPresent()) {
            generation = Generation.CONTAINERD;
            notes.add(ModernRootSignals.containerdNote(root, containerdStore.get()));
        } else if (hasGraph || !legacyDrivers.isEmpty()) {
            generation = Generation.LEGACY;
        } else {
            generation = Generation.UNKNOWN;
        }
        List<String> metadataDrivers = generation == Generation.MODERN ? modernDrivers : legacyDrivers;
        String active = generation == Generation.MODERN ? ModernRootSignals.pickActive(root, modernDrivers, notes)
                : pickActive(root, generation, metadataDrivers);
        List<Driver> drivers = new ArrayList<>();
        for (String name : DRIVER_NAMES) {
            Path home = root.resolve(name);
            boolean hasHome = Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS);
            if (!hasHome && !metadataDrivers.contains(name)) {
                continue;
            }
            boolean readable = !name.equals("devicemapper") && !name.equals("zfs") && !name.equals("windowsfilter");
            drivers.add(new Driver(name, home, name.equals(active), readable, hasHome ? countLayers(name, home) : 0));
        }
        for (String name : metadataDrivers) {
            if (!DRIVER_NAMES.contains(name)) {
                // a driver drydock does not know (a plugin, a future one): listed, never read
                Path home = root.resolve(name);
                boolean hasHome = Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS);
                drivers.add(new Driver(name, home, name.equals(active), false, hasHome ? countLayers(name, home) : 0));
            }
        }
        return new Detected(root, filesystemRoot, generation, drivers, notes);
    }

    /**
     * The driver whose metadata is read: where several exist, the one whose tag file changed last
     * (the daemon rewrites it whenever it runs); vfs only when nothing else has metadata, since
     * legacy roots always hold {@code vfs/} for volumes.
     */
    private static String pickActive(Path root, Generation generation, List<String> metadataDrivers) {
        String best = null;
        FileTime bestTime = null;
        for (String name : metadataDrivers) {
            Path tags = generation == Generation.MODERN
                    ? root.resolve(IMAGE).resolve(name).resolve("repositories.json")
                    : root.resolve(REPOSITORIES_PREFIX + name);
            FileTime time = modified(tags).orElse(modified(tags.getParent().resolve(name)).orElse(FileTime.fromMillis(0)));
            if (best == null || time.compareTo(bestTime) > 0) {
                best = name;
                bestTime = time;
            }
        }
        if (best == null && generation == Generation.LEGACY) {
            for (String name : DRIVER_NAMES) {
                if (!name.equals("vfs") && Files.isDirectory(root.resolve(name))) {
                    return name;
                }
            }
            return Files.isDirectory(root.resolve("vfs")) ? "vfs" : null;
        }
        return best;
    }

    private static Optional<FileTime> modified(Path path) {
        try {
            return Optional.of(Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int countLayers(String driver, Path home) {
        Path layers = switch (driver) {
            case "aufs" -> home.resolve("diff");
            case "vfs" -> home.resolve("dir");
            case "btrfs" -> home.resolve("subvolumes");
            case "devicemapper" -> home.resolve("metadata");
            default -> home;
        };
        return (int) subfolders(layers).stream()
                .filter(n -> !n.equals("l") && !n.equals("base") && !n.endsWith("-metadata"))
                .count();
    }

    private static List<String> legacyTagDrivers(Path root) {
        List<String> result = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, REPOSITORIES_PREFIX + "*")) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    result.add(entry.getFileName().toString().substring(REPOSITORIES_PREFIX.length()));
                }
            }
        } catch (IOException e) {
            return result;
        }
        result.sort(null);
        return result;
    }

    /** A root holds at least one folder or file that only a Docker root has. */
    static boolean looksLikeRoot(Path dir) {
        if (Files.isDirectory(dir.resolve(GRAPH)) || Files.isDirectory(dir.resolve(IMAGE))
                || Files.isDirectory(dir.resolve(CONTAINERS)) || !legacyTagDrivers(dir).isEmpty()
                || Files.isRegularFile(dir.resolve("linkgraph.db"))) {
            return true;
        }
        return usernsRoot(dir).isPresent();
    }

    private static Optional<Path> usernsRoot(Path dir) {
        if (Files.isDirectory(dir.resolve(GRAPH)) || Files.isDirectory(dir.resolve(IMAGE))
                || Files.isDirectory(dir.resolve(CONTAINERS))) {
            return Optional.empty();
        }
        for (String name : subfolders(dir)) {
            Path candidate = dir.resolve(name);
            if (USERNS_ROOT.matcher(name).matches() && (Files.isDirectory(candidate.resolve(GRAPH))
                    || Files.isDirectory(candidate.resolve(IMAGE)) || Files.isDirectory(candidate.resolve(CONTAINERS)))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> search(Path start, int depth) {
        if (depth == 0) {
            return Optional.empty();
        }
        for (String name : subfolders(start)) {
            Path child = start.resolve(name);
            if (Files.isSymbolicLink(child) || name.equals("proc") || name.equals("sys")) {
                continue;
            }
            if (looksLikeRoot(child)) {
                return Optional.of(child);
            }
        }
        for (String name : subfolders(start)) {
            Path child = start.resolve(name);
            if (Files.isSymbolicLink(child) || name.equals("proc") || name.equals("sys")) {
                continue;
            }
            Optional<Path> found = search(child, depth - 1);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Sorted names of the sub-folders of {@code dir} (symlinks not followed); empty when unreadable. */
    static List<String> subfolders(Path dir) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    names.add(entry.getFileName().toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            return names;
        }
        names.sort(null);
        return names;
    }
}
