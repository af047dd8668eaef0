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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who owns each layer folder, from the root's public metadata only: an image layer's
 * {@code cache id} ({@link Image#layers()}), a container's {@code mount id} and {@code init id}
 * ({@link Container#layer()}), a legacy volume's data folder ({@link Volume#path()}).
 *
 * <p>The image owners of a layer are every tagged image that uses it and every untagged image whose top
 * layer it is (the build step that made it); only when neither exists (its images were pruned, a dangling
 * descendant remains) every image that uses it. So a base layer under thousands of intermediate build
 * images names its tags, not all of them, and memory stays linear in the number of images even for a
 * 5,000-deep legacy chain.
 */
final class ForensicOwners {
    /** Images first by this order: tagged before untagged, then the one with fewest layers (the one that made it). */
    static final Comparator<Image> PRINCIPAL_IMAGE = Comparator
            .comparing((Image i) -> i.repoTags().isEmpty())
            .thenComparingInt(i -> i.layers().size())
            .thenComparing(Image::id);

    /** Sets, not lists: a base layer shared by thousands of images must not cost a scan per insertion. */
    private final Map<String, Set<Owner>> byFolder = new HashMap<>();
    private final Map<String, Layer> layerByFolder = new HashMap<>();
    private final Map<Path, List<Volume>> volumesByPath = new HashMap<>();

    ForensicOwners(DockerRoot root) {
        List<Image> images = root.images().stream().sorted(PRINCIPAL_IMAGE).toList();
        images.forEach(this::image);
        Set<String> unowned = new HashSet<>(layerByFolder.keySet());
        unowned.removeAll(byFolder.keySet());
        if (!unowned.isEmpty()) {
            images.forEach(image -> users(image, unowned));
        }
        root.containers().forEach(this::container);
        for (Volume volume : root.volumes()) {
            if (volume.path() != null) {
                volumesByPath.computeIfAbsent(volume.path().toAbsolutePath().normalize(), p -> new ArrayList<>())
                        .add(volume);
            }
        }
    }

    /** A tagged image owns all its layers; an untagged one the top layer it made. */
    private void image(Image image) {
        Owner owner = imageOwner(image);
        List<Layer> layers = image.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer.cacheId() == null || layer.driver() == null) {
                continue;
            }
            String key = key(layer.driver(), layer.cacheId());
            layerByFolder.putIfAbsent(key, layer);
            if (!image.repoTags().isEmpty() || i == layers.size() - 1) {
                byFolder.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(owner);
            }
        }
    }

    /** Every image that uses a layer nobody else owns. */
    private void users(Image image, Set<String> unowned) {
        Owner owner = imageOwner(image);
        for (Layer layer : image.layers()) {
            if (layer.cacheId() != null && layer.driver() != null
                    && unowned.contains(key(layer.driver(), layer.cacheId()))) {
                byFolder.computeIfAbsent(key(layer.driver(), layer.cacheId()), k -> new LinkedHashSet<>()).add(owner);
            }
        }
    }

    private void container(Container container) {
        ContainerLayer layer = container.layer();
        if (layer == null || layer.mountId() == null || layer.driver() == null) {
            return;
        }
        byFolder.computeIfAbsent(key(layer.driver(), layer.mountId()), k -> new LinkedHashSet<>())
                .add(new Owner(OwnerType.CONTAINER, container.id(), container.name(), List.of()));
        // a legacy reader leaves the init id out when the folder is missing; the name is still Docker's rule
        String initId = layer.initId() != null ? layer.initId() : layer.mountId() + LegacyDriverPaths.INIT_SUFFIX;
        byFolder.computeIfAbsent(key(layer.driver(), initId), k -> new LinkedHashSet<>())
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
        Set<Owner> owners = byFolder.get(key(driver, id));
        return owners == null ? List.of() : List.copyOf(owners);
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
