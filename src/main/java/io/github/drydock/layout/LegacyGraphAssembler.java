package io.github.drydock.layout;

import io.github.drydock.driver.LegacyDriverPaths;
import io.github.drydock.json.V1ImageJson;
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
import java.util.TreeMap;

/**
 * Puts a legacy graph together, in phases that each touch every image once: read {@code graph/},
 * locate each layer folder, mend parents of lost JSONs from aufs, settle own sizes, compute every
 * chain, check aufs ancestors, read the tag stores, then build one {@link Layer} and one
 * {@link HistoryEntry} per image and share them between the chains of all images.
 */
final class LegacyGraphAssembler {
    /**
     * What was assembled.
     *
     * @param images  every image, sorted by id
     * @param layers  every layer, sorted by id
     * @param entries every graph entry by id
     * @param locator the locator, kept for container layers
     */
    record Assembled(List<Image> images, List<Layer> layers, Map<String, LegacyGraphEntry> entries,
                     LegacyLayerLocator locator) {
    }

    private final RootContext context;
    private final LegacyLayerLocator locator;
    private final LegacyAufsAncestors aufs;
    private final Map<String, LegacyGraphReader.Node> nodes;
    private final Map<String, LegacyLayerLocator.Located> located = new HashMap<>();
    private final Map<String, LegacyGraphEntry> entries = new TreeMap<>();
    private List<String> ids;
    private long[] sizes;
    private LegacyChains chains;

    private LegacyGraphAssembler(RootContext context, List<Driver> drivers, Map<String, LegacyGraphReader.Node> nodes) {
        this.context = context;
        this.locator = new LegacyLayerLocator(context, drivers);
        this.aufs = new LegacyAufsAncestors(context, locator);
        this.nodes = nodes;
    }

    /**
     * Reads and assembles the graph of a root.
     *
     * @param context the opened root; damage becomes problems there
     * @param drivers the drivers of the root
     * @return the images and layers
     */
    static Assembled assemble(RootContext context, List<Driver> drivers) {
        LegacyGraphAssembler assembler = new LegacyGraphAssembler(context, drivers, LegacyGraphReader.read(context));
        assembler.locateAndMend();
        assembler.sizeAndChain();
        return assembler.build(LegacyTagReader.read(context, assembler.entries.keySet()));
    }

    /**
     * Finds each layer folder. An image whose JSON is lost has no recorded parent; aufs still names
     * it on line 1 of {@code layers/<id>}, which keeps its descendants' chains whole.
     */
    private void locateAndMend() {
        for (LegacyGraphReader.Node node : nodes.values()) {
            LegacyGraphEntry entry = node.entry();
            LegacyLayerLocator.Located where = locator.imageLayer(entry.id());
            located.put(entry.id(), where);
            if (!entry.jsonReadable() && entry.parentId() == null && onAufs(where)) {
                Optional<String> parent = aufs.firstAncestor(entry.id());
                if (parent.isPresent()) {
                    entry = entry.withParent(parent.get(), LegacyGraphEntry.ParentSource.AUFS_LAYERS);
                }
            }
            entries.put(entry.id(), entry);
        }
        ids = List.copyOf(entries.keySet());
    }

    private void sizeAndChain() {
        sizes = new long[ids.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = ownSize(entries.get(ids.get(i)), located.get(ids.get(i)));
        }
        chains = LegacyChains.compute(ids, id -> entries.get(id).parentId(), i -> sizes[i],
                (id, message) -> context.problem(entries.get(id).json(), message));
        for (String id : ids) {
            if (onAufs(located.get(id))) {
                verifyAufsAncestors(id);
            }
        }
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

    /**
     * Compares {@code aufs/layers/<id>} with the graph chain. Where the chain ends early (dangling
     * parent, cut cycle) the recorded parent is still expected next and the rest is not compared.
     */
    private void verifyAufsAncestors(String id) {
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

    private Assembled build(LegacyTagReader.References refs) {
        Layer[] layers = new Layer[ids.size()];
        HistoryEntry[] steps = new HistoryEntry[ids.size()];
        Instant[] created = new Instant[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            LegacyGraphEntry entry = entries.get(id);
            V1ImageJson json = nodes.get(id).json();
            created[i] = json == null ? null : LegacyImageMapper.time(context, entry.json(), json.created());
            LegacyLayerLocator.Located where = located.get(id);
            layers[i] = new Layer(id, entry.diffId(), id, entry.parentId(), where.driver().driverName(),
                    where.kind(), where.path(), sizes[i], entry.tarSplit(), entry.checksum());
            steps[i] = LegacyImageMapper.history(id, json, created[i], sizes[i]);
        }
        List<Image> images = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            images.add(LegacyImageMapper.image(entries.get(id), nodes.get(id).json(), created[i], sizes[i],
                    chains.virtualSize(id), refs.tagsOf(id), refs.digestsOf(id), layers[i].driver(),
                    chains.mapChain(i, at -> steps[at]), chains.mapChain(i, at -> layers[at])));
        }
        return new Assembled(images, List.of(layers), entries, locator);
    }

    private static boolean onAufs(LegacyLayerLocator.Located where) {
        return where.found() && where.driver() == LegacyDriverPaths.AUFS;
    }
}
