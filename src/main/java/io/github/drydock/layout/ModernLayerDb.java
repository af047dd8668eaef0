package io.github.drydock.layout;

import io.github.drydock.driver.ModernDriverIds;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads {@code image/<driver>/layerdb/}: one {@link LayerEntry} per {@code sha256/<chain id>/} and
 * one {@link MountEntry} per {@code mounts/<container id>/}, exactly as written, each file read once.
 * Half-deleted {@code <chain id>-removing} folders and {@code tmp/} are skipped, as Docker skips them.
 * Source: moby/moby {@code daemon/internal/layer/filestore.go} (docker-v29.7.2); see
 * spec/docker-modern-layout-and-archives.md §1.3.
 */
final class ModernLayerDb {
    private ModernLayerDb() {
    }

    /**
     * One {@code layerdb/sha256/<chain id>/} folder as written.
     *
     * @param chainId  the folder name (64 hex)
     * @param dir      the folder
     * @param diffId   the {@code diff} file's hex, or null when missing or malformed
     * @param parent   the {@code parent} file's hex (a chain id), or null for a base layer or when malformed
     * @param size     the {@code size} file, -1 when missing or malformed
     * @param cacheId  the {@code cache-id} file, or null when missing or unsafe
     * @param tarSplit the {@code tar-split.json.gz} file, or null when missing
     */
    record LayerEntry(String chainId, Path dir, String diffId, String parent, long size, String cacheId,
                      Path tarSplit) {
    }

    /**
     * One {@code layerdb/mounts/<container id>/} folder as written.
     *
     * @param containerId the folder name
     * @param dir         the folder
     * @param mountId     the {@code mount-id} file, or null when missing or unsafe
     * @param initId      the {@code init-id} file, or null
     * @param parent      the {@code parent} file's hex (the image's top chain id), or null
     */
    record MountEntry(String containerId, Path dir, String mountId, String initId, String parent) {
    }

    /**
     * Reads every layer folder.
     *
     * @param problems where damage goes; called from several threads
     * @param layerDb  the {@code layerdb} folder
     * @return chain id → entry, sorted
     */
    static Map<String, LayerEntry> readLayers(ModernProblems problems, Path layerDb) {
        Path sha256 = layerDb.resolve(ModernFiles.SHA256);
        List<String> names = RootDetector.subfolders(sha256).stream().filter(ModernEvidence::isHex64).toList();
        Map<String, LayerEntry> layers = new TreeMap<>();
        for (LayerEntry entry : ModernParallel.map(names, n -> readLayer(problems, n, sha256.resolve(n)))) {
            layers.put(entry.chainId(), entry);
        }
        return shareParentIds(layers);
    }

    /**
     * Makes each parent chain id the same string as the parent's own folder name: every layer but the
     * base ones names a parent, and 10,000 copies of 64-character ids are worth sharing.
     */
    private static Map<String, LayerEntry> shareParentIds(Map<String, LayerEntry> layers) {
        Map<String, String> names = new java.util.HashMap<>();
        layers.keySet().forEach(k -> names.put(k, k));
        for (Map.Entry<String, LayerEntry> e : layers.entrySet()) {
            LayerEntry l = e.getValue();
            String shared = l.parent() == null ? null : names.get(l.parent());
            if (shared != null && shared != l.parent()) {
                e.setValue(new LayerEntry(l.chainId(), l.dir(), l.diffId(), shared, l.size(), l.cacheId(), l.tarSplit()));
            }
        }
        return layers;
    }

    /**
     * Reads one layer folder.
     *
     * @param problems where damage goes
     * @param chainId  its name
     * @param dir      the folder
     * @return what it holds
     */
    static LayerEntry readLayer(ModernProblems problems, String chainId, Path dir) {
        String what = "layer " + ModernEvidence.shortId(chainId);
        String diff = digestFile(problems, dir.resolve(ModernFiles.DIFF), what + ": diff id", true).orElse(null);
        String parent = digestFile(problems, dir.resolve(ModernFiles.PARENT), what + ": parent chain id", false)
                .orElse(null);
        String cacheId = idFile(problems, dir.resolve(ModernFiles.CACHE_ID), what + ": cache id", true).orElse(null);
        long size = sizeFile(problems, dir.resolve(ModernFiles.SIZE), what);
        Path tarSplit = dir.resolve(ModernFiles.TAR_SPLIT);
        return new LayerEntry(chainId, dir, diff, parent, size, cacheId,
                java.nio.file.Files.isRegularFile(tarSplit, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? tarSplit : null);
    }

    /**
     * Reads every container mount folder.
     *
     * @param problems where damage goes
     * @param layerDb  the {@code layerdb} folder
     * @return container id → entry, sorted
     */
    static Map<String, MountEntry> readMounts(ModernProblems problems, Path layerDb) {
        Map<String, MountEntry> mounts = new TreeMap<>();
        Path folder = layerDb.resolve(ModernFiles.MOUNTS);
        for (String name : RootDetector.subfolders(folder)) {
            if (!ModernDriverIds.isDriverId(name)) {
                continue;
            }
            Path dir = folder.resolve(name);
            String what = "container " + ModernEvidence.shortId(name);
            String mountId = idFile(problems, dir.resolve(ModernFiles.MOUNT_ID), what + ": mount id", true).orElse(null);
            String initId = idFile(problems, dir.resolve(ModernFiles.INIT_ID), what + ": init id", false).orElse(null);
            String parent = digestFile(problems, dir.resolve(ModernFiles.PARENT), what + ": image top chain id", false)
                    .orElse(null);
            mounts.put(name, new MountEntry(name, dir, mountId, initId, parent));
        }
        return mounts;
    }

    /** Reads a {@code sha256:<hex>} file; a missing optional file is no problem. */
    private static Optional<String> digestFile(ModernProblems problems, Path file, String what, boolean required) {
        Optional<String> text = text(problems, file, what, required);
        if (text.isPresent() && ModernEvidence.sha256Hex(text.get()).isEmpty()) {
            problems.problem(file, what + " '" + abbreviate(text.get()) + "' is not sha256:<64 hex>");
            return Optional.empty();
        }
        return text.flatMap(ModernEvidence::sha256Hex);
    }

    /** Reads a driver id file; an id that could climb out of the driver home is refused. */
    private static Optional<String> idFile(ModernProblems problems, Path file, String what, boolean required) {
        Optional<String> text = text(problems, file, what, required);
        if (text.isPresent() && !ModernDriverIds.isDriverId(text.get())) {
            problems.problem(file, what + " '" + abbreviate(text.get())
                    + "' is not a plain folder name: not followed");
            return Optional.empty();
        }
        return text;
    }

    private static long sizeFile(ModernProblems problems, Path file, String what) {
        Optional<String> text = text(problems, file, what + ": size", false);
        try {
            long size = Long.parseLong(text.orElse("-1"));
            return size >= -1 ? size : -1;
        } catch (NumberFormatException e) {
            problems.problem(file, what + ": size '" + abbreviate(text.orElse("")) + "' is not a number");
            return -1;
        }
    }

    private static Optional<String> text(ModernProblems problems, Path file, String what, boolean required) {
        try {
            return Optional.of(ModernEvidence.readText(file));
        } catch (NoSuchFileException e) {
            if (required) {
                problems.problem(file, what + " is missing");
            }
        } catch (IOException | RuntimeException e) {
            problems.problem(file, "cannot read " + what + ": " + ModernEvidence.reason(e));
        }
        return Optional.empty();
    }

    /** Shortens evidence text for a message and masks control characters, which could forge lines. */
    static String abbreviate(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        StringBuilder clean = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.toString();
    }
}
