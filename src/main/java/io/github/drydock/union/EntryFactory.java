package io.github.drydock.union;

import io.github.drydock.driver.LayerDirectory.LayerNode;
import io.github.drydock.driver.Node;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.driver.WhiteoutEncoding;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileNames;
import io.github.drydock.model.FileType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Turns one layer node into the {@link FileEntry} a view shows: link target and attributes read here. */
final class EntryFactory {
    private static final String SELINUX = "security.selinux";
    private static final String METACOPY = "trusted.overlay.metacopy";
    private static final String REDIRECT = "trusted.overlay.redirect";

    private final NodeInspector inspector;
    private final ProblemLog problems;

    EntryFactory(NodeInspector inspector, ProblemLog problems) {
        this.inspector = inspector;
        this.problems = problems;
    }

    FileEntry create(String viewPath, LayerNode layerNode, ViewLayer layer) {
        return create(viewPath, layerNode.path(), layerNode.node(), layer);
    }

    FileEntry create(String viewPath, Path source, Node node, ViewLayer layer) {
        String target = null;
        if (node.type() == FileType.SYMLINK) {
            try {
                target = FileNames.text(Files.readSymbolicLink(source));
            } catch (IOException | RuntimeException e) {
                problems.add(source.toString(), "cannot read the symlink " + viewPath + " in layer " + layer.id()
                        + ": " + source + ": " + e.getMessage() + " — shown with an empty target");
                target = "";
            }
        }
        return new FileEntry(viewPath, node.type(), node.mode(), node.uid(), node.gid(), node.size(), node.mtime(),
                node.atime(), node.ctime(), target, node.devMajor(), node.devMinor(),
                attributes(viewPath, source, layer), layer.id(), source, node.device(), node.inode(),
                node.linkCount());
    }

    private Map<String, byte[]> attributes(String viewPath, Path source, ViewLayer layer) {
        Map<String, byte[]> raw;
        try {
            raw = inspector.xattrs(layer.path(), source);
        } catch (IOException | RuntimeException e) {
            problems.once("xattr:" + layer.id(), layer.path().toString(), "cannot read extended attributes in layer "
                    + layer.id() + ": " + e.getMessage() + " (first failure: " + source
                    + "; later ones in this layer are not listed) — entries are shown without attributes");
            return Map.of();
        }
        if (raw.isEmpty()) {
            return Map.of();
        }
        if (layer.encoding() == WhiteoutEncoding.OVERLAY) {
            warnOverlayFeatures(viewPath, source, layer, raw);
        }
        Map<String, byte[]> kept = new HashMap<>();
        raw.forEach((name, value) -> {
            if (!name.equals(SELINUX) && !WhiteoutEncoding.isOverlayBookkeeping(name)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    /** Metacopy files and redirected folders mean the upper copy is not the whole story: say so. */
    private void warnOverlayFeatures(String viewPath, Path source, ViewLayer layer, Map<String, byte[]> raw) {
        if (raw.containsKey(METACOPY)) {
            problems.add(source.toString(), viewPath + " in layer " + layer.id() + " is an overlay metacopy (data"
                    + " stays in a lower layer): its content here may be empty or stale");
        }
        byte[] redirect = raw.get(REDIRECT);
        if (redirect != null) {
            problems.add(source.toString(), viewPath + " in layer " + layer.id() + " is a renamed overlay folder"
                    + " (redirect to " + new String(redirect, StandardCharsets.UTF_8) + "): drydock does not follow"
                    + " redirects, so lower content of the old name is not merged in");
        }
    }
}
