package io.github.drydock.union;

import io.github.drydock.driver.LayerDirectory;
import io.github.drydock.driver.LayerDirectory.LayerNode;
import io.github.drydock.driver.LayerDirectory.Listing;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.driver.NodeRole;
import io.github.drydock.model.FileType;
import io.github.drydock.model.ShadowedEntry.Reason;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges ONE folder of the view from its copies in the layers, top layer first, the way overlayfs looks
 * names up: the topmost real node of a name wins; a whiteout hides the name in every layer below it;
 * folders merge with lower folders of the same name until a whiteout, a non-folder or an opaque copy
 * stops the chain; an opaque copy hides everything below it, but not its own layer's children.
 * Only this folder's names are held in memory, never the tree below.
 */
final class DirMerger {
    /** Receives what the merge hid (for {@code shadowed()}); null when nobody asks. */
    interface ShadowSink {
        void hidden(String viewPath, LayerNode node, ViewLayer layer, Reason reason, ViewLayer hiddenBy);

        void hiddenFolderContent(String folderViewPath, Contribution contribution, Reason reason, ViewLayer hiddenBy);
    }

    /** What is known about one name while going down the layers. */
    private static final class NameState {
        LayerNode visible;
        ViewLayer visibleLayer;
        final List<Contribution> folders = new ArrayList<>();
        boolean chainOpen;
        ViewLayer nearestLayer;
        FileType nearestType;
        ViewLayer whiteoutBy;
    }

    private final NodeInspector inspector;
    private final ProblemLog problems;
    private final EntryFactory entries;
    private final OpaqueMarkers opaqueMarkers;

    DirMerger(NodeInspector inspector, ProblemLog problems, EntryFactory entries, OpaqueMarkers opaqueMarkers) {
        this.inspector = inspector;
        this.problems = problems;
        this.entries = entries;
        this.opaqueMarkers = opaqueMarkers;
    }

    /**
     * Merges a folder.
     *
     * @param viewPath      the folder's path in the view
     * @param contributors  its copies in the layers, top first
     * @param sink          where hidden nodes go, or null
     * @return the visible children, sorted by name
     */
    List<MergedChild> merge(String viewPath, List<Contribution> contributors, ShadowSink sink) {
        Map<String, NameState> names = new TreeMap<>(LayerDirectory.NAME_ORDER);
        ViewLayer opaqueBy = null;
        for (Contribution copy : contributors) {
            if (opaqueBy != null) {
                if (sink != null) {
                    sink.hiddenFolderContent(viewPath, copy, Reason.OPAQUE, opaqueBy);
                }
                continue;
            }
            Listing listing = list(copy);
            if (listing == null) {
                continue;
            }
            for (LayerNode node : listing.nodes()) {
                if (node.role() == NodeRole.ENTRY) {
                    place(viewPath, names, node, copy.layer(), sink);
                }
            }
            for (LayerNode node : listing.nodes()) {
                if (node.role() == NodeRole.WHITEOUT) {
                    String target = copy.layer().encoding().whitedOut(node.name());
                    names.computeIfAbsent(target, k -> new NameState()).whiteoutBy = copy.layer();
                }
            }
            if (listing.opaque() || opaqueMarkers.marks(copy.layer(), viewPath)) {
                opaqueBy = copy.layer();
            }
        }
        List<MergedChild> children = new ArrayList<>();
        names.forEach((name, state) -> {
            if (state.visible != null) {
                String childPath = child(viewPath, name);
                children.add(new MergedChild(entries.create(childPath, state.visible, state.visibleLayer),
                        state.visible.node().type() == FileType.DIR ? state.folders : List.of()));
            }
        });
        return children;
    }

    private Listing list(Contribution copy) {
        try {
            ViewLayer layer = copy.layer();
            Listing listing = LayerDirectory.list(layer.path(), copy.folder(), layer.encoding(), inspector);
            problems.addAll(listing.problems());
            return listing;
        } catch (IOException | RuntimeException e) {
            problems.add(copy.folder().toString(), "cannot list " + copy.folder() + " (layer " + copy.layer().id()
                    + "): " + e.getMessage() + " — its entries are missing from the view, and files it deleted"
                    + " may show");
            return null;
        }
    }

    /** Decides the fate of a real node of a name, given what the layers above said about that name. */
    private static void place(String viewPath, Map<String, NameState> names, LayerNode node, ViewLayer layer,
                              ShadowSink sink) {
        NameState state = names.get(node.name());
        FileType type = node.node().type();
        if (state == null) {
            state = new NameState();
            state.visible = node;
            state.visibleLayer = layer;
            state.chainOpen = type == FileType.DIR;
            if (state.chainOpen) {
                state.folders.add(new Contribution(layer, node.path()));
            }
            names.put(node.name(), state);
        } else if (state.whiteoutBy != null) {
            hide(sink, viewPath, node, layer, Reason.WHITEOUT, state.whiteoutBy);
        } else if (state.chainOpen && type == FileType.DIR) {
            state.folders.add(new Contribution(layer, node.path()));
        } else {
            state.chainOpen = false;
            if (type != state.nearestType) {
                hide(sink, viewPath, node, layer, Reason.REPLACED, state.nearestLayer);
            }
            // the same type at the same path is an older version of the node: not listed as hidden
        }
        state.nearestLayer = layer;
        state.nearestType = type;
    }

    private static void hide(ShadowSink sink, String viewPath, LayerNode node, ViewLayer layer, Reason reason,
                             ViewLayer by) {
        if (sink != null) {
            sink.hidden(child(viewPath, node.name()), node, layer, reason, by);
        }
    }

    static String child(String folder, String name) {
        return folder.equals("/") ? "/" + name : folder + "/" + name;
    }
}
