package io.github.drydock.layout;

import io.github.drydock.driver.ModernDriverPaths;
import io.github.drydock.layout.ModernImageDb.ImageEntry;
import io.github.drydock.layout.ModernLayerDb.LayerEntry;
import io.github.drydock.layout.ModernLayerDb.MountEntry;
import io.github.drydock.layout.ModernReferences.Refs;
import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.Driver;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Docker 1.10+ image metadata: {@code image/<driver>/{repositories.json,imagedb,layerdb}}.
 * Layers live in the driver folders named by each {@code cache-id}.
 * Source: moby/moby {@code image/fs.go}, {@code layer/filestore.go}; see spec/docker-modern-layout-and-archives.md §1.
 *
 * <p>Everything is read once, each file once, when {@link #read} runs. What can be verified offline
 * is verified and any disagreement becomes a problem while the rest is still listed: every config
 * must hash to its image id, every chain id is recomputed from the config's diff ids and must name a
 * layerdb entry with that diff id and parent, every driver folder must exist inside the root, and
 * the driver's own ancestry record (overlay2 {@code lower}, aufs {@code layers}, overlay
 * {@code lower-id}) must agree with layerdb. Only the active driver's tree is read; trees of other
 * drivers stay listed in {@code DockerRoot.drivers()}.
 */
public final class ImageDbLayout implements ImageStore {
    private final String driver;
    private final List<Image> images;
    private final List<Layer> layers;
    private final Map<String, ContainerLayer> containerLayers;
    private final Map<String, Instant> lastTagTimes;

    private ImageDbLayout(String driver, List<Image> images, List<Layer> layers,
                          Map<String, ContainerLayer> containerLayers, Map<String, Instant> lastTagTimes) {
        this.driver = driver;
        this.images = List.copyOf(images);
        this.layers = List.copyOf(layers);
        this.containerLayers = Map.copyOf(containerLayers);
        this.lastTagTimes = Map.copyOf(lastTagTimes);
    }

    /**
     * Reads the 1.10+ metadata of a root.
     *
     * @param context the opened root
     * @param drivers the drivers found there; the active one is read
     * @return the store
     */
    public static ImageDbLayout read(RootContext context, List<Driver> drivers) {
        Optional<Driver> active = drivers.stream().filter(Driver::active).findFirst();
        if (active.isEmpty()) {
            return new ImageDbLayout("none", List.of(), List.of(), Map.of(), Map.of());
        }
        String name = active.get().name();
        Path home = active.get().path() != null ? active.get().path() : context.root().resolve(name);
        Path tree = context.root().resolve(RootDetector.IMAGE).resolve(name);
        ModernProblems.Collected problems = new ModernProblems.Collected();
        ModernProblems sink = context::problem;
        RealFolders real = new RealFolders(context.root());
        if (!real.check(problems, tree)) {
            problems.flushTo(sink);
            return new ImageDbLayout(name, List.of(), List.of(), Map.of(), Map.of());
        }
        ModernDriverPaths paths = ModernDriverPaths.of(name, home);
        Path layerDb = tree.resolve(ModernFiles.LAYERDB);
        Map<String, LayerEntry> layerEntries = real.check(problems, layerDb.resolve(ModernFiles.SHA256))
                ? ModernLayerDb.readLayers(problems, layerDb) : Map.of();
        ModernLayers modernLayers = new ModernLayers(problems, context, paths, layerEntries);
        Map<String, Layer> layers = modernLayers.layers();
        problems.flushTo(sink);

        ModernImages assembler = new ModernImages(sink, name, paths.imageLayerKind(), layers);
        List<ImageEntry> entries = readImageDb(problems, real, tree.resolve(ModernFiles.IMAGEDB), assembler);
        problems.flushTo(sink);
        List<Image> images = images(sink, tree, entries, assembler);
        Map<String, Instant> lastTagTimes = new HashMap<>();
        entries.stream().filter(e -> e.lastUpdated() != null).forEach(e -> lastTagTimes.put(e.id(), e.lastUpdated()));

        Map<String, ContainerLayer> containerLayers = real.check(sink, layerDb.resolve(ModernFiles.MOUNTS))
                ? containerLayers(sink, layerDb, modernLayers) : Map.of();
        problems.flushTo(sink);
        return new ImageDbLayout(name, images, new ArrayList<>(layers.values()), containerLayers, lastTagTimes);
    }

    private static List<ImageEntry> readImageDb(ModernProblems problems, RealFolders real, Path imageDb,
                                                ModernImages assembler) {
        boolean readable = real.check(problems, imageDb.resolve(ModernFiles.CONTENT).resolve(ModernFiles.SHA256))
                && real.check(problems, imageDb.resolve(ModernFiles.METADATA).resolve(ModernFiles.SHA256));
        return readable ? ModernImageDb.read(problems, imageDb, assembler) : List.of();
    }

    /** The layers of every container that has a {@code layerdb/mounts/<id>} folder; the checks report to the layers' sink. */
    private static Map<String, ContainerLayer> containerLayers(ModernProblems problems, Path layerDb,
                                                               ModernLayers modernLayers) {
        Map<String, ContainerLayer> containerLayers = new HashMap<>();
        for (MountEntry mount : ModernLayerDb.readMounts(problems, layerDb).values()) {
            containerLayers.put(mount.containerId(), modernLayers.containerLayer(mount));
        }
        return containerLayers;
    }

    /** Builds every image with its tags and checked parent, in id order. */
    private static List<Image> images(ModernProblems problems, Path tree, List<ImageEntry> entries,
                                      ModernImages assembler) {
        Set<String> ids = new HashSet<>();
        entries.forEach(e -> ids.add(e.id()));
        Map<String, Refs> refs = ModernReferences.read(problems, tree.resolve(ModernFiles.REPOSITORIES_JSON), ids);
        Map<String, String> parents = ModernImages.parents(problems, entries);
        List<Image> images = new ArrayList<>(entries.size());
        for (ImageEntry entry : entries) {
            images.add(assembler.image(entry, refs.getOrDefault(entry.id(), Refs.NONE), parents.get(entry.id())));
        }
        return images;
    }

    /** Refuses metadata folders reached through a symlink (it could lead out of the root); reports each once. */
    private static final class RealFolders {
        private final Path root;
        private final Set<Path> reported = new HashSet<>();

        RealFolders(Path root) {
            this.root = root;
        }

        /** @return true when no folder from the root down to {@code dir} is a symlink */
        boolean check(ModernProblems problems, Path dir) {
            for (Path at = dir; at != null && at.startsWith(root) && !at.equals(root); at = at.getParent()) {
                if (Files.isSymbolicLink(at)) {
                    if (reported.add(at)) {
                        problems.problem(at, "image metadata folder is a symlink: not followed;"
                                + " its contents are not listed");
                    }
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public String driver() {
        return driver;
    }

    @Override
    public List<Image> images() {
        return images;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: one per {@code layerdb/sha256/<chain id>} folder, sorted by chain id. A layer an image
     * needs but layerdb lacks appears only in that image's {@link Image#layers()}, with no cache id
     * and no path.
     */
    @Override
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public Optional<ContainerLayer> containerLayer(String containerId) {
        return Optional.ofNullable(containerLayers.get(containerId));
    }

    /**
     * When a tag last moved to an image ({@code imagedb/metadata/sha256/<id>/lastUpdated}; Docker
     * shows it as {@code Metadata.LastTagTime}).
     *
     * @param imageId the image id, 64 hex
     * @return the time, or empty when none is recorded
     */
    public Optional<Instant> lastTagTime(String imageId) {
        return Optional.ofNullable(lastTagTimes.get(imageId));
    }
}
