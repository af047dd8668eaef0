package io.github.drydock.layout;

import io.github.drydock.model.Driver;
import io.github.drydock.model.LayerFolderKind;
import io.github.drydock.model.OrphanReason;
import io.github.drydock.model.Problem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Every layer folder on disk, of every driver present, whoever owns it: {@code aufs/diff/<id>} (with
 * {@code aufs/layers/<id>} and {@code aufs/mnt/<id>}), {@code overlay2/<id>} (not {@code l/}),
 * {@code overlay/<id>}, {@code vfs/dir/<id>}, {@code btrfs/subvolumes/<id>}, {@code devicemapper/metadata/<id>}
 * and {@code zfs/graph/<id>} (records only: their bytes are not in the root), plus half-removed and
 * temporary entries of the metadata stores ({@code image/<driver>/layerdb/sha256/<chain id>-removing},
 * {@code layerdb/tmp/*}, legacy {@code graph/_tmp/*}). Also lists overlay2's short links.
 *
 * <p>Reads folder listings and a few tiny files ({@code link}, {@code cache-id}); never follows a
 * symlink out of the root, never opens a special file, never writes. Sizes come from a walk of each
 * folder ({@link Files#walkFileTree}, symlinks not followed, hard links counted once). Who owns a
 * folder is not decided here: that needs the image and container metadata (see
 * {@code io.github.drydock.Forensics}).
 */
public final class LayerInventory {
    /** Suffix of a folder Docker renamed to delete it. */
    public static final String REMOVING_SUFFIX = ModernFiles.REMOVING_SUFFIX;
    /** Legacy in-flight image registrations: {@code graph/_tmp}. */
    static final String GRAPH_TMP = "_tmp";
    /** Names of temporary folders inside a driver home or a metadata store. */
    static final List<String> TEMPORARY_NAMES = List.of(GRAPH_TMP, ModernFiles.TMP);

    private LayerInventory() {
    }

    /**
     * One folder found on disk.
     *
     * @param driver     the driver (or {@code graph} for the legacy image store's {@code _tmp})
     * @param id         the entry's name
     * @param path       the entry
     * @param otherPaths further entries of the same id (aufs {@code layers/}, {@code mnt/})
     * @param content    the folder with the layer's files, or null when none can be read
     * @param kind       what it holds
     * @param size       bytes on disk, -1 when unknown or not measured
     * @param hint       a reason it is garbage whatever refers to it ({@link OrphanReason#REMOVING},
     *                   {@link OrphanReason#TEMPORARY}), or null
     */
    public record Found(String driver, String id, Path path, List<Path> otherPaths, Path content,
                        LayerFolderKind kind, long size, OrphanReason hint) {
        /** Validates and copies. */
        public Found {
            Objects.requireNonNull(driver, "driver");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(kind, "kind");
            otherPaths = otherPaths == null ? List.of() : List.copyOf(otherPaths);
        }

        Found withSize(long newSize) {
            return new Found(driver, id, path, otherPaths, content, kind, newSize, hint);
        }

        Found withHint(OrphanReason newHint) {
            return new Found(driver, id, path, otherPaths, content, kind, size, newHint);
        }
    }

    /**
     * An overlay2 short name ({@code overlay2/l/<name>}, or the {@code link} file of a layer folder).
     *
     * @param driver  {@code overlay2} or {@code fuse-overlayfs}
     * @param name    the short name
     * @param path    the symlink {@code l/<name>}, or the {@code link} file when no symlink exists
     * @param cacheId the layer folder it stands for, or null when the link is dangling or refused
     */
    public record ShortLink(String driver, String name, Path path, String cacheId) {
        /** Validates the identity. */
        public ShortLink {
            Objects.requireNonNull(driver, "driver");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * What a scan found.
     *
     * @param folders    every folder, sorted by driver then id
     * @param shortLinks every overlay2 short name, sorted
     * @param problems   what could not be read
     */
    public record Result(List<Found> folders, List<ShortLink> shortLinks, List<Problem> problems) {
        /** Copies the lists. */
        public Result {
            folders = List.copyOf(folders);
            shortLinks = List.copyOf(shortLinks);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Lists every layer folder of every driver.
     *
     * @param root           the Docker root
     * @param filesystemRoot the folder standing for the host's {@code /}, or null
     * @param drivers        the drivers present (their homes are listed)
     * @param measure        true to walk each folder for its size (slow on big roots); false leaves -1
     * @return what was found
     */
    public static Result scan(Path root, Path filesystemRoot, List<Driver> drivers, boolean measure) {
        RootContext context = new RootContext(root, filesystemRoot);
        LayerInventoryDrivers homes = new LayerInventoryDrivers(context);
        for (Driver driver : drivers) {
            if (Files.isDirectory(driver.path(), LinkOption.NOFOLLOW_LINKS)) {
                homes.scan(driver.name(), driver.path());
            }
        }
        LayerInventoryStores stores = new LayerInventoryStores(context);
        stores.scan();
        List<Found> folders = new ArrayList<>();
        for (Found found : homes.found()) {
            boolean removing = stores.removingCacheIds().contains(found.driver() + "/" + found.id());
            folders.add(removing && found.hint() == null ? found.withHint(OrphanReason.REMOVING) : found);
        }
        folders.addAll(stores.found());
        if (measure) {
            folders.replaceAll(f -> f.withSize(size(context, f)));
        }
        folders.sort(Comparator.comparing(Found::driver).thenComparing(Found::id)
                .thenComparing(f -> f.path().toString()));
        return new Result(folders, homes.shortLinks(), context.problems());
    }

    /**
     * Measures a folder: its own walk plus its other paths; -1 for unreadable records or a walk cut off.
     */
    private static long size(RootContext context, Found found) {
        if (found.kind() == LayerFolderKind.UNREADABLE) {
            return -1;
        }
        long total = 0;
        List<Path> parts = new ArrayList<>();
        // a symlinked folder's files live elsewhere in the root: measure them, not the link
        boolean elsewhere = found.content() != null && !found.content().startsWith(found.path());
        parts.add(elsewhere ? found.content() : found.path());
        parts.addAll(found.otherPaths());
        for (Path part : parts) {
            long bytes = measure(context, found, part);
            if (bytes < 0) {
                return -1;
            }
            total += bytes;
        }
        return total;
    }

    private static long measure(RootContext context, Found found, Path part) {
        String what = found.driver() + " layer folder " + found.id();
        try {
            if (!Files.isDirectory(part, LinkOption.NOFOLLOW_LINKS)) {
                // a file (aufs layers/<id>) or a symlink: its own lstat size
                return Files.readAttributes(part, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS).size();
            }
            VolumeSizer.Size size = VolumeSizer.measure(part);
            if (size.cutOff()) {
                context.problem(part, what + ": size not computed, more than " + VolumeSizer.MAX_ENTRIES
                        + " entries under " + part);
                return -1;
            }
            if (size.unreadable() > 0) {
                context.problem(part, what + ": " + size.unreadable() + " entries under " + part
                        + " could not be read; its size is a lower bound");
            }
            return size.bytes();
        } catch (IOException | RuntimeException e) {
            context.problem(part, "cannot measure " + what + ": " + part + ": " + MetadataFile.describe(e));
            return -1;
        }
    }
}
