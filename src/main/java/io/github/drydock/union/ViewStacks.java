package io.github.drydock.union;

import io.github.drydock.driver.WhiteoutEncoding;
import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a view's layer stack, top first: the container's read-write layer, its init layer, then the
 * image's layers from the top down to the first snapshot. Layers that cannot be read become problems.
 */
final class ViewStacks {
    private ViewStacks() {
    }

    static List<ViewLayer> forImage(List<Layer> layers, ContainerLayer container, ProblemLog log) {
        List<ViewLayer> stack = new ArrayList<>();
        if (container != null) {
            String id = container.mountId() != null ? container.mountId() : String.valueOf(container.path());
            add(stack, log, id, container.path(), container.kind(), container.driver(), null, "read-write layer");
            if (container.kind() == LayerKind.DIFF && container.initPath() != null) {
                String initId = container.initId() != null ? container.initId() : id + "-init";
                add(stack, log, initId, container.initPath(), LayerKind.DIFF, container.driver(), null, "init layer");
            }
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            add(stack, log, layer.id(), layer.path(), layer.kind(), layer.driver(), layer.tarSplit(), "layer");
        }
        return cutBelowSnapshot(stack);
    }

    static List<ViewLayer> readable(List<ViewLayer> topFirst, ProblemLog log) {
        List<ViewLayer> readable = new ArrayList<>();
        for (ViewLayer layer : topFirst) {
            if (isFolder(log, layer.path(), "layer " + layer.id())) {
                readable.add(layer);
            }
        }
        return cutBelowSnapshot(readable);
    }

    private static void add(List<ViewLayer> stack, ProblemLog log, String id, Path path, LayerKind kind,
                            String driver, Path tarSplit, String role) {
        String what = role + " " + id + " (" + driver + ")";
        if (kind == LayerKind.UNREADABLE) {
            log.add(String.valueOf(path), what + " cannot be read offline: its files are missing from the view,"
                    + " and files it deleted may show");
        } else if (path == null) {
            log.add(id, what + ": its folder is missing: its files are missing from the view");
        } else if (isFolder(log, path, what)) {
            stack.add(new ViewLayer(id, path, kind, WhiteoutEncoding.forLayer(driver, kind), tarSplit));
        }
    }

    private static boolean isFolder(ProblemLog log, Path path, String what) {
        if (Files.isSymbolicLink(path) || !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            log.add(path.toString(), what + ": " + path + " is not a folder (a symlink is not followed):"
                    + " its files are missing from the view");
            return false;
        }
        return true;
    }

    /** One rule for every driver: diffs over at most one full snapshot; what lies below it is ignored. */
    private static List<ViewLayer> cutBelowSnapshot(List<ViewLayer> topFirst) {
        List<ViewLayer> kept = new ArrayList<>();
        for (ViewLayer layer : topFirst) {
            kept.add(layer);
            if (layer.kind() == LayerKind.SNAPSHOT) {
                break;
            }
        }
        return kept;
    }
}
