package io.github.drydock.union;

import io.github.drydock.driver.LayerDirectory;
import io.github.drydock.driver.LayerDirectory.LayerNode;
import io.github.drydock.driver.LayerDirectory.Listing;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.driver.NodeRole;
import io.github.drydock.model.FileType;
import io.github.drydock.model.ShadowedEntry;
import io.github.drydock.model.ShadowedEntry.Reason;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Collects what the merge hid. A hidden folder's whole subtree in its own layer is hidden too; it is
 * listed with the layer that hid the folder.
 */
final class ShadowCollector implements DirMerger.ShadowSink {
    private final NodeInspector inspector;
    private final ProblemLog problems;
    private final EntryFactory entries;
    private final List<ShadowedEntry> found = new ArrayList<>();

    ShadowCollector(NodeInspector inspector, ProblemLog problems, EntryFactory entries) {
        this.inspector = inspector;
        this.problems = problems;
        this.entries = entries;
    }

    List<ShadowedEntry> found() {
        return found;
    }

    @Override
    public void hidden(String viewPath, LayerNode node, ViewLayer layer, Reason reason, ViewLayer hiddenBy) {
        found.add(new ShadowedEntry(entries.create(viewPath, node, layer), hiddenBy.id(), reason));
        if (node.node().type() == FileType.DIR) {
            hideSubtree(viewPath, new Contribution(layer, node.path()), reason, hiddenBy);
        }
    }

    @Override
    public void hiddenFolderContent(String folderViewPath, Contribution contribution, Reason reason,
                                    ViewLayer hiddenBy) {
        hideSubtree(folderViewPath, contribution, reason, hiddenBy);
    }

    /** Lists everything below a layer folder as hidden; whiteouts and bookkeeping of that layer are skipped. */
    private void hideSubtree(String viewPath, Contribution top, Reason reason, ViewLayer hiddenBy) {
        record Pending(String viewPath, Path folder) {
        }
        ViewLayer layer = top.layer();
        Deque<Pending> pending = new ArrayDeque<>();
        pending.push(new Pending(viewPath, top.folder()));
        while (!pending.isEmpty()) {
            Pending next = pending.pop();
            Listing listing;
            try {
                listing = LayerDirectory.list(layer.path(), next.folder(), layer.encoding(), inspector);
            } catch (IOException | RuntimeException e) {
                problems.add(next.folder().toString(), "cannot list hidden folder " + next.folder() + " (layer "
                        + layer.id() + "): " + e.getMessage());
                continue;
            }
            problems.addAll(listing.problems());
            List<Pending> folders = new ArrayList<>();
            for (LayerNode child : listing.nodes()) {
                if (child.role() != NodeRole.ENTRY) {
                    continue;
                }
                String childPath = DirMerger.child(next.viewPath(), child.name());
                found.add(new ShadowedEntry(entries.create(childPath, child, layer), hiddenBy.id(), reason));
                if (child.node().type() == FileType.DIR) {
                    folders.add(new Pending(childPath, child.path()));
                }
            }
            for (int i = folders.size() - 1; i >= 0; i--) {
                pending.push(folders.get(i));
            }
        }
    }
}
