package io.github.drydock.layout;

import io.github.drydock.driver.LegacyDriverPaths;
import io.github.drydock.json.V1ImageJson;
import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.Driver;
import io.github.drydock.model.HistoryEntry;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Docker 0.7–1.9 image metadata: {@code graph/<id>/{json,layersize,checksum,tar-data.json.gz,parent}},
 * {@code repositories-<driver>}, and the driver folders holding each layer.
 * Source: moby/moby {@code graph/graph.go}, {@code graph/tags.go} (v1.9.1); see spec/docker-legacy-layout.md §3–5.
 *
 * <p>Every {@code graph/<id>} folder is one image whose own layer is one layer. Each file is read
 * once and every chain is computed once, iteratively, so 10k images (or one 10k-deep chain) read
 * in a blink and cannot overflow the stack. Damage to one image (a lost JSON, a dangling parent, a
 * cycle, a missing layer folder) is a problem; the image and all others are still listed.
 */
public final class GraphLayout implements ImageStore {
    private final String driver;
    private final List<Image> images;
    private final List<Layer> layers;
    private final Map<String, LegacyGraphEntry> entries;
    private final LegacyLayerLocator locator;

    private GraphLayout(String driver, List<Image> images, List<Layer> layers, Map<String, LegacyGraphEntry> entries,
                        LegacyLayerLocator locator) {
        this.driver = driver;
        this.images = List.copyOf(images);
        this.layers = List.copyOf(layers);
        this.entries = Collections.unmodifiableMap(entries);
        this.locator = locator;
    }

    /**
     * Reads the legacy metadata of a root.
     *
     * @param context the opened root
     * @param drivers the drivers found there; the active one is read first, the others where it lacks a layer
     * @return the store
     */
    public static GraphLayout read(RootContext context, List<Driver> drivers) {
        Map<String, LegacyGraphReader.Node> nodes = LegacyGraphReader.read(context);
        LegacyLayerLocator locator = new LegacyLayerLocator(context, drivers);
        Map<String, LegacyLayerLocator.Located> located = new HashMap<>();
        nodes.keySet().forEach(id -> located.put(id, locator.imageLayer(id)));
        LegacyAufsAncestors aufs = new LegacyAufsAncestors(context, locator);
        Map<String, LegacyGraphEntry> entries = mendLostParents(nodes, located, aufs);
        List<String> ids = List.copyOf(entries.keySet());
        long[] sizes = new long[ids.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = ownSize(entries.get(ids.get(i)), located.get(ids.get(i)));
        }
        LegacyChains chains = LegacyChains.compute(ids, id -> entries.get(id).parentId(), i -> sizes[i],
                (id, message) -> context.problem(entries.get(id).json(), message));
        for (String id : ids) {
            if (located.get(id).found() && located.get(id).driver() == LegacyDriverPaths.AUFS) {
                verifyAufsAncestors(aufs, chains, entries, id);
            }
        }
        LegacyTagReader.References refs = LegacyTagReader.read(context, entries.keySet());
        Map<String, Layer> layerById = new HashMap<>();
        Map<String, HistoryEntry> stepById = new HashMap<>();
        Map<String, Instant> created = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            LegacyGraphEntry entry = entries.get(id);
            V1ImageJson json = nodes.get(id).json();
            Instant time = json == null ? null : LegacyImageMapper.time(context, entry.json(), json.created());
            created.put(id, time);
            layerById.put(id, layer(entry, located.get(id), sizes[i]));
            stepById.put(id, LegacyImageMapper.history(id, json, time, sizes[i]));
        }
        List<Image> images = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            List<String> chain = chains.chainBaseFirst(id, Integer.MAX_VALUE);
            images.add(image(entries.get(id), nodes.get(id).json(), created.get(id), sizes[i],
                    chains.virtualSize(id), refs, located.get(id).driver().driverName(),
                    chain.stream().map(stepById::get).toList(), chain.stream().map(layerById::get).toList()));
        }
        List<Layer> layers = ids.stream().map(layerById::get).toList();
        return new GraphLayout(locator.primary().driverName(), images, layers, entries, locator);
    }

    /**
     * An image whose JSON is lost has no recorded parent; aufs still names it on line 1 of
     * {@code layers/<id>}, which keeps its descendants' chains whole.
     */
    private static Map<String, LegacyGraphEntry> mendLostParents(Map<String, LegacyGraphReader.Node> nodes,
                                                                 Map<String, LegacyLayerLocator.Located> located,
                                                                 LegacyAufsAncestors aufs) {
        Map<String, LegacyGraphEntry> entries = new java.util.TreeMap<>();
        for (LegacyGraphReader.Node node : nodes.values()) {
            LegacyGraphEntry entry = node.entry();
            LegacyLayerLocator.Located where = located.get(entry.id());
            if (!entry.jsonReadable() && entry.parentId() == null && where.found()
                    && where.driver() == LegacyDriverPaths.AUFS) {
                Optional<String> parent = aufs.firstAncestor(entry.id());
                if (parent.isPresent()) {
                    entry = entry.withParent(parent.get(), LegacyGraphEntry.ParentSource.AUFS_LAYERS);
                }
            }
            entries.put(entry.id(), entry);
        }
        return entries;
    }

    /** {@code layersize} when sane; else the size of a diff folder, or of a base layer's complete tree. */
    private static long ownSize(LegacyGraphEntry entry, LegacyLayerLocator.Located where) {
        if (entry.layerSize() >= 0) {
            return entry.layerSize();
        }
        boolean countable = where.path() != null && (where.kind() == LayerKind.DIFF
                || where.kind() == LayerKind.SNAPSHOT && entry.parentId() == null);
        return countable ? LegacyLayerSizes.of(where.path()) : -1;
    }

    private static void verifyAufsAncestors(LegacyAufsAncestors aufs, LegacyChains chains,
                                            Map<String, LegacyGraphEntry> entries, String id) {
        int limit = LegacyAufsAncestors.MAX_COMPARED + 1;
        List<String> chain = chains.chainBaseFirst(id, limit + 1);
        boolean walkedToBase = chain.size() <= limit;
        List<String> expected = new ArrayList<>(chain.subList(0, chain.size() - 1));
        Collections.reverse(expected);
        String baseParent = entries.get(chain.get(0)).parentId();
        if (walkedToBase && baseParent != null) {
            expected.add(baseParent);
        }
        aufs.verify(id, expected, walkedToBase && baseParent == null);
    }

    private static Layer layer(LegacyGraphEntry entry, LegacyLayerLocator.Located where, long size) {
        return new Layer(entry.id(), entry.diffId(), entry.id(), entry.parentId(), where.driver().driverName(),
                where.kind(), where.path(), size, entry.tarSplit());
    }

    private static Image image(LegacyGraphEntry entry, V1ImageJson json, Instant created, long size, long virtualSize,
                               LegacyTagReader.References refs, String driverName, List<HistoryEntry> history,
                               List<Layer> layers) {
        return new Image(entry.id(), refs.tagsOf(entry.id()), refs.digestsOf(entry.id()), entry.parentId(), created,
                size, virtualSize,
                json == null ? null : LegacyImageMapper.blankToNull(json.architecture()),
                json == null ? null : LegacyImageMapper.blankToNull(json.os()),
                json == null ? null : LegacyImageMapper.blankToNull(json.author()),
                json == null ? null : LegacyImageMapper.blankToNull(json.comment()),
                json == null ? null : LegacyImageMapper.blankToNull(json.dockerVersion()),
                LegacyImageMapper.config(json == null ? null : json.config()), history, layers, driverName,
                entry.json());
    }

    /**
     * What the {@code graph/<id>} folder of an image records beyond the model: JSON shape, where the
     * parent came from, registry checksum, optional files.
     *
     * @param imageId a full image id
     * @return its graph entry, or empty when {@code graph/} has no such folder
     */
    public Optional<LegacyGraphEntry> graphEntry(String imageId) {
        return Optional.ofNullable(entries.get(imageId));
    }

    @Override
    public String driver() {
        return driver;
    }

    @Override
    public List<Image> images() {
        return images;
    }

    @Override
    public List<Layer> layers() {
        return layers;
    }

    /**
     * {@inheritDoc}
     *
     * <p>aufs: {@code aufs/diff/<id>} (DIFF) over {@code aufs/diff/<id>-init}; overlay: {@code overlay/<id>/upper}
     * (DIFF, which also holds the init placeholders) over {@code overlay/<id>-init/upper}; vfs and btrfs:
     * the complete trees {@code vfs/dir/<id>}, {@code btrfs/subvolumes/<id>} (SNAPSHOT); devicemapper and
     * zfs: UNREADABLE with no path. The active driver is searched first. The init id is set only when
     * the init layer exists.
     */
    @Override
    public Optional<ContainerLayer> containerLayer(String containerId) {
        return locator.containerLayer(containerId);
    }
}
