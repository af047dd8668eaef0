package io.github.drydock.layout;

import io.github.drydock.driver.ModernDriverPaths;
import io.github.drydock.layout.ModernLayerDb.LayerEntry;
import io.github.drydock.layout.ModernLayerDb.MountEntry;
import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.Layer;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns layerdb entries into {@link Layer}s and mounts into {@link ContainerLayer}s: finds each one's
 * driver folder, and checks what can be checked offline — the chain id against its diff id and
 * parent, that the parent exists, that the folder exists and stays inside the root, and that the
 * driver's own ancestry record agrees with layerdb ({@link ModernDriverCheck}).
 */
final class ModernLayers {
    /** Longer ancestries than any driver stacks (overlay2: 128, aufs: 127) are treated as broken. */
    private static final int MAX_ANCESTORS = 512;

    private final ModernProblems problems;
    private final RootContext context;
    private final ModernDriverPaths paths;
    /** By chain id, for lookups: ancestry walks look up every layer many times, and a sorted map compares 64-char keys. */
    private final Map<String, LayerEntry> entries;
    /** In chain id order. */
    private final List<LayerEntry> sorted;
    private final ModernDriverCheck check;
    /** Folders between the root and a driver folder already seen to be real folders, not symlinks. */
    private final Set<Path> realFolders = ConcurrentHashMap.newKeySet();
    private final Set<String> reportedLoops = ConcurrentHashMap.newKeySet();
    /** What the driver folders and the folders above them are, each asked once (the driver check asks too). */
    private final FileKinds kinds = new FileKinds();

    ModernLayers(ModernProblems problems, RootContext context, ModernDriverPaths paths, Map<String, LayerEntry> entries) {
        this.problems = problems;
        this.context = context;
        this.paths = paths;
        this.entries = new HashMap<>(entries);
        this.sorted = List.copyOf(entries.values());
        this.check = new ModernDriverCheck(problems, context, paths, kinds);
    }

    /** @return every layerdb entry as a layer, in chain id order; problems may be reported from several threads */
    Map<String, Layer> layers() {
        Map<String, Layer> layers = new LinkedHashMap<>();
        for (Layer layer : ModernParallel.map(sorted, this::layer)) {
            layers.put(layer.id(), layer);
        }
        return layers;
    }

    private Layer layer(LayerEntry entry) {
        String what = "layer " + ModernEvidence.shortId(entry.chainId());
        if (entry.diffId() != null) {
            String computed = ModernEvidence.chainId(entry.parent(), entry.diffId());
            if (!computed.equals(entry.chainId())) {
                problems.problem(entry.dir(), what + ": chain id does not match its diff id and parent: they give "
                        + computed + " — diff or parent altered, or the folder renamed");
            }
        }
        if (entry.parent() != null && !entries.containsKey(entry.parent())) {
            problems.problem(entry.dir().resolve(ModernFiles.PARENT), what + ": parent layer "
                    + ModernEvidence.shortId(entry.parent()) + " is not in layerdb");
        }
        Path path = null;
        if (entry.cacheId() != null) {
            String label = what + " (cache id " + entry.cacheId() + ")";
            path = folder(paths.layerDir(entry.cacheId()), label).orElse(null);
            if (path != null) {
                ancestors(entry.parent()).ifPresent(a -> check.checkImageLayer(entry.cacheId(), label, a));
            }
        }
        return new Layer(entry.chainId(), entry.diffId(), entry.cacheId(), entry.parent(), paths.driver(),
                paths.imageLayerKind(), path, entry.size(), entry.tarSplit());
    }

    /**
     * The layers of a container, from its mount entry.
     *
     * @param mount the entry
     * @return its read-write and init layers; folders that are gone are null (and reported)
     */
    ContainerLayer containerLayer(MountEntry mount) {
        String what = "container " + ModernEvidence.shortId(mount.containerId());
        String imageTop = null;
        Optional<List<String>> imageLayers = Optional.of(List.of());
        if (mount.parent() != null) {
            LayerEntry top = entries.get(mount.parent());
            if (top == null) {
                problems.problem(mount.dir().resolve(ModernFiles.PARENT), what + ": its image's top layer "
                        + ModernEvidence.shortId(mount.parent()) + " is not in layerdb");
                imageLayers = Optional.empty();
            } else {
                imageTop = top.cacheId();
                imageLayers = ancestors(mount.parent());
            }
        }
        Path path = null;
        Path initPath = null;
        if (mount.initId() != null) {
            initPath = folder(paths.containerDir(mount.initId()), what + " init layer (init id " + mount.initId() + ")")
                    .orElse(null);
        }
        if (mount.mountId() != null) {
            path = folder(paths.containerDir(mount.mountId()), what + " (mount id " + mount.mountId() + ")").orElse(null);
        }
        if (imageLayers.isPresent()) {
            checkContainer(mount, what, imageLayers.get(), imageTop, path != null, initPath != null);
        }
        return new ContainerLayer(mount.mountId(), mount.initId(), paths.driver(), path, initPath,
                paths.containerLayerKind());
    }

    private void checkContainer(MountEntry mount, String what, List<String> imageLayers, String imageTop,
                                boolean hasPath, boolean hasInit) {
        if (hasInit) {
            check.checkContainerLayer(mount.initId(), what + " init layer", imageLayers, imageTop);
        }
        if (hasPath) {
            List<String> below = new ArrayList<>(imageLayers.size() + 1);
            if (mount.initId() != null) {
                below.add(mount.initId());
            }
            below.addAll(imageLayers);
            check.checkContainerLayer(mount.mountId(), what, below, imageTop);
        }
    }

    /**
     * The cache ids from a layer down to its base, nearest first.
     *
     * @param chainId the first layer, or null
     * @return the ids; empty when the chain is broken (a missing layer or cache id, a cycle), which is
     *         reported where the break is found
     */
    Optional<List<String>> ancestors(String chainId) {
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String at = chainId; at != null; ) {
            LayerEntry entry = entries.get(at);
            if (entry == null || entry.cacheId() == null) {
                return Optional.empty();
            }
            if (!seen.add(at) || ids.size() >= MAX_ANCESTORS) {
                if (!reportedLoops.add(at)) {
                    return Optional.empty();
                }
                problems.problem(entry.dir().resolve(ModernFiles.PARENT), "layer " + ModernEvidence.shortId(at)
                        + ": its parent chain loops back or is longer than " + MAX_ANCESTORS + " layers");
                return Optional.empty();
            }
            ids.add(entry.cacheId());
            at = entry.parent();
        }
        return Optional.of(ids);
    }

    /** The driver folder, when it exists inside the root; otherwise a problem and empty. */
    private Optional<Path> folder(Optional<Path> expected, String what) {
        if (expected.isEmpty()) {
            return Optional.empty();
        }
        Path path = expected.get();
        if (!realParents(path.getParent())) {
            problems.problem(path, what + ": its driver folder lies behind a symlink: not followed");
            return Optional.empty();
        }
        FileKinds.Kind kind = kinds.of(path);
        if (kind == FileKinds.Kind.MISSING) {
            problems.problem(path, what + ": its driver folder is gone"
                    + " (deleted, or the " + paths.driver() + " folder was not copied with the root)");
            return Optional.empty();
        }
        if (kind == FileKinds.Kind.DIRECTORY) {
            return expected;
        }
        Optional<Path> target = kind == FileKinds.Kind.SYMLINK ? context.followInsideRoot(path) : Optional.empty();
        if (kind == FileKinds.Kind.SYMLINK && target.isEmpty()) {
            problems.problem(path, what + ": its driver folder is a symlink out of the root: not followed");
            return Optional.empty();
        }
        if (target.isEmpty() || !Files.isDirectory(target.get(), LinkOption.NOFOLLOW_LINKS)) {
            problems.problem(path, what + ": its driver folder is not a folder (or a symlink to a missing one)");
            return Optional.empty();
        }
        return target;
    }

    /**
     * True when no folder between the root and {@code dir} (inclusive) is a symlink, so that a path
     * built from ids cannot leave the root through an intermediate link. The last component of a
     * driver folder itself may be a symlink (aufs after the 0.7 migration): that one is followed
     * inside the root only, by {@link RootContext#followInsideRoot}.
     */
    private boolean realParents(Path dir) {
        Path root = context.root();
        if (dir == null || !dir.startsWith(root)) {
            return false;
        }
        List<Path> checked = new ArrayList<>();
        for (Path at = dir; !at.equals(root) && !realFolders.contains(at); at = at.getParent()) {
            if (kinds.isSymbolicLink(at)) {
                return false;
            }
            checked.add(at);
        }
        realFolders.addAll(checked);
        return true;
    }
}
