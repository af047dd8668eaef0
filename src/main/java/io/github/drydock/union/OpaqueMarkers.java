package io.github.drydock.union;

import io.github.drydock.driver.NodeInspector;
import io.github.drydock.driver.TarSplitOpaqueMarkers;
import io.github.drydock.driver.WhiteoutEncoding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opaque folders of overlay layers taken from their tar-splits, for when the inspector cannot read
 * {@code trusted.overlay.opaque} (not root). An image layer's tar-split names each opaque folder as a
 * {@code .wh..wh..opq} member, so the view stays right without root; a layer without a readable
 * tar-split (a container's read-write layer) is reported instead, because its opaque folders may show
 * lower layers' entries.
 */
final class OpaqueMarkers {
    private final Map<ViewLayer, TarSplitOpaqueMarkers> byLayer = new HashMap<>();

    /**
     * Reads the tar-splits of the overlay layers when the inspector cannot see opaque attributes, and
     * reports every overlay layer left without a source for its opaque flags.
     */
    void load(List<ViewLayer> stack, NodeInspector inspector, ProblemLog problems) {
        Optional<String> limitation = inspector.limitation();
        if (limitation.isEmpty()) {
            return;
        }
        for (ViewLayer layer : stack) {
            if (layer.encoding() != WhiteoutEncoding.OVERLAY) {
                continue;
            }
            String instead = "";
            if (layer.tarSplit() != null) {
                TarSplitOpaqueMarkers markers = TarSplitOpaqueMarkers.read(layer.tarSplit());
                if (markers.failure().isEmpty()) {
                    byLayer.put(layer, markers);
                    continue;
                }
                instead = "; its tar-split cannot stand in: " + markers.failure().get();
            }
            problems.add(layer.path().toString(), "cannot read " + WhiteoutEncoding.TRUSTED_OPAQUE + " in layer "
                    + layer.id() + ": " + limitation.get() + instead
                    + " — opaque folders may be shown with lower layers' entries");
        }
    }

    /**
     * @param layer    a layer of the stack
     * @param viewPath a folder's path in the view
     * @return true when the layer's tar-split marks that folder opaque
     */
    boolean marks(ViewLayer layer, String viewPath) {
        TarSplitOpaqueMarkers markers = byLayer.get(layer);
        return markers != null && markers.isOpaque(viewPath);
    }
}
