package io.github.drydock.layout;

import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.Driver;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;

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
 * quickly and cannot overflow the stack. Damage to one image (a lost JSON, a dangling parent, a
 * cycle, a missing layer folder, a symlink out of the root) is a problem; the image and all others
 * are still listed. The layer folder of an image is looked up under the active driver first, then
 * under every other driver of the root (a daemon that switched drivers left its old layers there).
 */
public final class GraphLayout implements ImageStore {
    private final String driver;
    private final List<Image> images;
    private final List<Layer> layers;
    private final Map<String, LegacyGraphEntry> entries;
    private final LegacyLayerLocator locator;

    private GraphLayout(LegacyGraphAssembler.Assembled assembled) {
        this.driver = assembled.locator().primary().driverName();
        this.images = List.copyOf(assembled.images());
        this.layers = List.copyOf(assembled.layers());
        this.entries = Map.copyOf(assembled.entries());
        this.locator = assembled.locator();
    }

    /**
     * Reads the legacy metadata of a root.
     *
     * @param context the opened root; damage becomes problems there
     * @param drivers the drivers found there; the active one is read first, the others where it lacks a layer
     * @return the store
     */
    public static GraphLayout read(RootContext context, List<Driver> drivers) {
        return new GraphLayout(LegacyGraphAssembler.assemble(context, drivers));
    }

    /**
     * What the {@code graph/<id>} folder of an image records beyond the model: JSON shape, where the
     * parent came from, registry checksum, optional files.
     *
     * @param imageId a full image id
     * @return its graph entry, or empty when {@code graph/} has no such folder
     */
    public Optional<LegacyGraphEntry> graphEntry(String imageId) {
        return Optional.ofNullable(imageId == null ? null : entries.get(imageId));
    }

    /** @return the driver searched first: the active one (or the first legacy driver of the root) */
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
     * the init layer exists. A layer symlinked out of the root has a null path and a problem.
     */
    @Override
    public Optional<ContainerLayer> containerLayer(String containerId) {
        return locator.containerLayer(containerId);
    }
}
