package io.github.drydock;

import io.github.drydock.driver.LegacyDriverPaths;
import io.github.drydock.layout.LayerInventory;
import io.github.drydock.model.Container;
import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerFolder;
import io.github.drydock.model.OrphanReason;
import io.github.drydock.model.Owner;
import io.github.drydock.model.OwnerType;
import io.github.drydock.model.Volume;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who owns each layer folder, from the root's public metadata only: an image layer's
 * {@code cache id} ({@link Image#layers()}), a container's {@code mount id} and {@code init id}
 * ({@link Container#layer()}), a legacy volume's data folder ({@link Volume#path()}).
 */
final class ForensicOwners {
    /** Images first by this order: tagged before untagged, then the one with fewest layers (the one that made it). */
    static final Comparator<Image> PRINCIPAL_IMAGE = Comparator
            .comparing((Image i) -> i.repoTags().isEmpty())
            .thenComparingInt(i -> i.layers().size())
            .thenComparing(Image::id);

    private final Map<String, List<Owner>> byFolder = new HashMap<>();
    private final Map<String, Layer> layerByFolder = new HashMap<>();
    private final Map<Path, List<Volume>> volumesByPath = new HashMap<>();

    ForensicOwners(DockerRoot root) {
        root.images().stream().sorted(PRINCIPAL_IMAGE).forEach(this::image);
        root.containers().forEach(this::container);
        for (Volume volume : root.volumes()) {
            if (volume.path() != null) {
                volumesByPath.computeIfAbsent(volume.path().toAbsolutePath().normalize(), p -> new ArrayList<>())
                        .add(volume);
            }
        }
    }

    private void image(Image image) {
        Owner owner = imageOwner(image);
        for (Layer layer : image.layers()) {
            if (layer.cacheId() != null && layer.driver() != null) {
                String key = key(layer.driver(), layer.cacheId());
                List<Owner> owners = byFolder.computeIfAbsent(key, k -> new ArrayList<>());
                if (!owners.contains(owner)) {
                    owners.add(owner);
                }
                layerByFolder.putIfAbsent(key, layer);
            }
        }
    }

    private void container(Container container) {
        ContainerLayer layer = container.layer();
        if (layer == null || layer.mountId() == null || layer.driver() == null) {
            return;
        }
        byFolder.computeIfAbsent(key(layer.driver(), layer.mountId()), k -> new ArrayList<>())
                .add(new Owner(OwnerType.CONTAINER, container.id(), container.name(), List.of()));
        // a legacy reader leaves the init id out when the folder is missing; the name is still Docker's rule
        String initId = layer.initId() != null ? layer.initId() : layer.mountId() + LegacyDriverPaths.INIT_SUFFIX;
        byFolder.computeIfAbsent(key(layer.driver(), initId), k -> new ArrayList<>())
                .add(new Owner(OwnerType.CONTAINER_INIT, container.id(), container.name(), List.of()));
    }

    /** @return the owner record of an image: its first tag as name, every tag sorted */
    static Owner imageOwner(Image image) {
        List<String> tags = image.repoTags().stream().sorted().toList();
        return new Owner(OwnerType.IMAGE, image.id(), tags.isEmpty() ? null : tags.get(0), tags);
    }

    /** @return the owner record of a volume */
    static Owner volumeOwner(Volume volume) {
        return new Owner(OwnerType.VOLUME, volume.name(), volume.name(), List.of());
    }

    /**
     * The owners of a driver folder id, principal first.
     *
     * @param driver the driver
     * @param id     the folder name
     * @return its owners, empty when none
     */
    List<Owner> owners(String driver, String id) {
        return byFolder.getOrDefault(key(driver, id), List.of());
    }

    /**
     * @param driver the driver
     * @param id     the folder name
     * @return the image layer stored in that folder, if any
     */
    Optional<Layer> layer(String driver, String id) {
        return Optional.ofNullable(layerByFolder.get(key(driver, id)));
    }

    /**
     * Decides the owners of a folder found on disk, whether it is an orphan, and why.
     *
     * @param found the folder with its size
     * @return the folder as listed
     */
    LayerFolder settle(LayerInventory.Found found) {
        List<Owner> owners = new ArrayList<>(owners(found.driver(), found.id()));
        List<Volume> volumes = new ArrayList<>();
        for (Path path : candidatePaths(found)) {
            volumes.addAll(volumesByPath.getOrDefault(path, List.of()));
        }
        volumes.stream().distinct().map(ForensicOwners::volumeOwner).forEach(owners::add);
        OrphanReason reason = null;
        if (owners.isEmpty()) {
            reason = found.hint() != null ? found.hint()
                    : found.id().endsWith(LegacyDriverPaths.INIT_SUFFIX) ? OrphanReason.INIT_WITHOUT_CONTAINER
                    : OrphanReason.UNREFERENCED;
        } else if (owners.stream().allMatch(o -> o.type() == OwnerType.VOLUME)
                && volumes.stream().allMatch(Volume::orphan)) {
            reason = OrphanReason.UNUSED_VOLUME;
        }
        return new LayerFolder(found.driver(), found.id(), found.path(), found.otherPaths(), found.content(),
                found.size(), found.kind(), owners, reason != null, reason);
    }

    private static List<Path> candidatePaths(LayerInventory.Found found) {
        Map<Path, Boolean> paths = new LinkedHashMap<>();
        paths.put(found.path().toAbsolutePath().normalize(), true);
        if (found.content() != null) {
            paths.put(found.content().toAbsolutePath().normalize(), true);
        }
        return new ArrayList<>(paths.keySet());
    }

    private static String key(String driver, String id) {
        return driver + "/" + id;
    }
}
