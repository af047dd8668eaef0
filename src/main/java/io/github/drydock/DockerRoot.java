package io.github.drydock;

import io.github.drydock.archive.ContainerDiff;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.layout.ContainerStore;
import io.github.drydock.layout.GraphLayout;
import io.github.drydock.layout.ImageDbLayout;
import io.github.drydock.layout.ImageStore;
import io.github.drydock.layout.LogReader;
import io.github.drydock.layout.RootContext;
import io.github.drydock.layout.RootDetector;
import io.github.drydock.layout.VolumeStore;
import io.github.drydock.model.AmbiguousReferenceException;
import io.github.drydock.model.Container;
import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Driver;
import io.github.drydock.model.Generation;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LogLine;
import io.github.drydock.model.Problem;
import io.github.drydock.model.Volume;
import io.github.drydock.union.UnionView;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * An opened Docker storage root, read-only. Everything it lists was read once, at {@link #open(Path)};
 * content (logs, layer files) is opened lazily from its source path.
 *
 * <pre>{@code
 * DockerRoot root = DockerRoot.open(Path.of("/mnt/evidence"));
 * for (Volume v : root.volumes()) { ... }
 * UnionView files = root.view(root.container("db").orElseThrow());   // merged, read-only, no mount
 * }</pre>
 *
 * <p>Nothing under the root is ever created, modified, locked or touched. Damage to one item is
 * listed in {@link #problems()}; only an unreadable root throws.
 */
public final class DockerRoot {
    private final RootDetector.Detected detected;
    private final List<Image> images;
    private final List<Layer> layers;
    private final List<Container> containers;
    private final List<Volume> volumes;
    private final List<Problem> problems;
    private final Map<String, Image> imagesById;
    private final Map<String, Container> containersById;

    private DockerRoot(RootDetector.Detected detected, List<Image> images, List<Layer> layers,
                       List<Container> containers, List<Volume> volumes, List<Problem> problems) {
        this.detected = detected;
        this.images = List.copyOf(images);
        this.layers = List.copyOf(layers);
        this.containers = List.copyOf(containers);
        this.volumes = List.copyOf(volumes);
        this.problems = List.copyOf(problems);
        this.imagesById = index(this.images, Image::id);
        this.containersById = index(this.containers, Container::id);
    }

    /**
     * Opens a Docker root and reads its metadata.
     *
     * @param path the Docker root itself ({@code /var/lib/docker}), or a folder above it such as the
     *             mount point of a disk image (then {@code var/lib/docker} or another root below is found)
     * @return the opened root
     * @throws DockerStorageException when no readable Docker root is there
     */
    public static DockerRoot open(Path path) throws DockerStorageException {
        RootDetector.Detected detected = RootDetector.detect(path);
        RootContext context = new RootContext(detected.root(), detected.filesystemRoot());
        List<Container> containers = new ArrayList<>(ContainerStore.read(context));
        Optional<ImageStore> store = switch (detected.generation()) {
            case LEGACY -> Optional.of(GraphLayout.read(context, detected.drivers()));
            case MODERN -> Optional.of(ImageDbLayout.read(context, detected.drivers()));
            case CONTAINERD, UNKNOWN -> Optional.empty();
        };
        List<Image> images = store.map(ImageStore::images).orElse(List.of());
        List<Layer> layers = store.map(ImageStore::layers).orElse(List.of());
        Map<String, Image> byId = index(images, Image::id);
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            if (store.isPresent()) {
                Optional<io.github.drydock.model.ContainerLayer> layer = store.get().containerLayer(c.id());
                if (layer.isPresent()) {
                    c = c.withLayer(layer.get());
                    containers.set(i, c);
                }
            }
            if (c.imageId() != null && store.isPresent() && !byId.containsKey(c.imageId())) {
                context.problem(c.source(), "container " + c.shortId() + " " + c.name() + ": its image "
                        + c.imageId() + " is gone from the image store");
            }
        }
        List<Volume> volumes = VolumeStore.read(context, containers);
        return new DockerRoot(detected, images, layers, containers, volumes, context.problems());
    }

    /** @return the Docker root folder that was found */
    public Path path() {
        return detected.root();
    }

    /** @return the folder standing for the host's {@code /} when a disk image mount was opened */
    public Optional<Path> filesystemRoot() {
        return Optional.ofNullable(detected.filesystemRoot());
    }

    /** @return the storage generation whose image metadata was read */
    public Generation generation() {
        return detected.generation();
    }

    /** @return every driver present; one is marked active */
    public List<Driver> drivers() {
        return detected.drivers();
    }

    /** @return facts about the root worth telling (migrated, user-namespace, containerd store) */
    public List<String> notes() {
        return detected.notes();
    }

    /** @return every image, sorted by id */
    public List<Image> images() {
        return images;
    }

    /** @return every layer the image metadata knows */
    public List<Layer> layers() {
        return layers;
    }

    /** @return every container */
    public List<Container> containers() {
        return containers;
    }

    /** @return every volume, orphans included */
    public List<Volume> volumes() {
        return volumes;
    }

    /** @return every problem found while reading, in order */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * Finds an image by full id, {@code sha256:} id, {@code repo:tag} ({@code repo} alone means
     * {@code :latest}), {@code repo@sha256:…}, or a unique id prefix.
     *
     * @param reference what the user typed
     * @return the image, or empty
     * @throws AmbiguousReferenceException when a prefix matches several images
     */
    public Optional<Image> image(String reference) throws AmbiguousReferenceException {
        String ref = stripDigestPrefix(reference.trim());
        Image exact = imagesById.get(ref.toLowerCase(Locale.ROOT));
        if (exact != null) {
            return Optional.of(exact);
        }
        String tagged = ref.contains("@") || ref.lastIndexOf(':') > ref.lastIndexOf('/') ? ref : ref + ":latest";
        for (Image image : images) {
            if (image.repoTags().contains(tagged) || image.repoDigests().contains(ref)
                    || image.repoTags().contains("library/" + tagged)) {
                return Optional.of(image);
            }
        }
        return byPrefix(ref, imagesById);
    }

    /**
     * Finds a container by full id, name (with or without its leading slash) or unique id prefix.
     *
     * @param reference what the user typed
     * @return the container, or empty
     * @throws AmbiguousReferenceException when a prefix matches several containers
     */
    public Optional<Container> container(String reference) throws AmbiguousReferenceException {
        String ref = reference.trim();
        Container exact = containersById.get(ref.toLowerCase(Locale.ROOT));
        if (exact != null) {
            return Optional.of(exact);
        }
        String name = ref.startsWith("/") ? ref : "/" + ref;
        for (Container container : containers) {
            if (name.equals(container.name())) {
                return Optional.of(container);
            }
        }
        return byPrefix(ref, containersById);
    }

    /**
     * Finds a volume by name or unique prefix of a 64-hex name.
     *
     * @param reference what the user typed
     * @return the volume, or empty
     * @throws AmbiguousReferenceException when a prefix matches several volumes
     */
    public Optional<Volume> volume(String reference) throws AmbiguousReferenceException {
        Map<String, Volume> byName = index(volumes, Volume::name);
        Volume exact = byName.get(reference);
        return exact != null ? Optional.of(exact) : byPrefix(reference, byName);
    }

    /**
     * The images whose parent is the given image, sorted by id.
     *
     * @param imageId a full image id
     * @return its children
     */
    public List<Image> children(String imageId) {
        return images.stream().filter(i -> imageId.equals(i.parentId())).toList();
    }

    /**
     * Streams a container's json-file log, oldest record first (rotated files included). Caller closes.
     *
     * @param container the container
     * @return the records
     * @throws DockerStorageException when it has no readable json-file log
     */
    public Stream<LogLine> logs(Container container) throws DockerStorageException {
        return LogReader.lines(container);
    }

    /**
     * The merged file system of an image: its layers, top first, over at most one full snapshot, as a
     * container started from it would see them before its init layer.
     *
     * @param image an image of this root
     * @return a fresh view with its own {@link NodeInspector#system() host inspector}; layers that cannot be
     *         read are listed in its {@link UnionView#problems()}
     */
    public UnionView view(Image image) {
        return UnionView.of(image.layers(), null, NodeInspector.system());
    }

    /**
     * The merged file system of a container, as it was when the disk was copied: its read-write layer
     * over its init layer over its image's layers (a snapshot driver's read-write layer is already
     * complete and is read alone). Volumes and bind mounts are not part of it, as in {@code docker export}.
     *
     * <p>When the container's image is gone from the image store, the view holds the container's own
     * layers alone (read-write and init): on a snapshot driver (vfs, btrfs) nothing is lost; on a diff
     * driver the image's files are missing. That loss is already in {@link #problems()} since
     * {@link #open(Path)} ("its image … is gone from the image store"); it is not repeated in the view.
     *
     * @param container a container of this root
     * @return a fresh view with its own host inspector
     * @throws DockerStorageException when no read-write layer was found for the container on this disk
     */
    public UnionView view(Container container) throws DockerStorageException {
        return UnionView.of(imageLayers(container), layerOf(container), NodeInspector.system());
    }

    /**
     * A volume's data folder seen as a view of one full snapshot (layer id = the volume name).
     *
     * @param volume a volume of this root
     * @return a fresh view with its own host inspector
     * @throws DockerStorageException when the volume's data folder is not on this disk
     */
    public UnionView view(Volume volume) throws DockerStorageException {
        if (volume.path() == null) {
            throw new DockerStorageException("volume " + volume.name() + " has no data folder on this disk", null);
        }
        return UnionView.ofFolder(volume.path(), volume.name(), NodeInspector.system());
    }

    /**
     * What {@code docker diff} prints for a container: its own changes over its image and init layer,
     * sorted by path. When its image is gone (see {@link #view(Container)}), a diff driver's changes are
     * measured against the init layer alone, so changed image files show as added.
     *
     * @param container a container of this root
     * @return the changes and what got in the way
     * @throws DockerStorageException when the container has no readable read-write layer
     */
    public ContainerDiff.Result diff(Container container) throws DockerStorageException {
        return ContainerDiff.of(imageLayers(container), layerOf(container), NodeInspector.system());
    }

    /** The image's layers, base first; none when the image is unknown or gone. */
    private List<Layer> imageLayers(Container container) {
        Image image = container.imageId() == null ? null : imagesById.get(container.imageId());
        return image == null ? List.of() : image.layers();
    }

    private static ContainerLayer layerOf(Container container) throws DockerStorageException {
        if (container.layer() == null) {
            throw new DockerStorageException("container " + container.shortId() + " " + container.name()
                    + " has no read-write layer on this disk: its files cannot be shown"
                    + " (its image may still be listed with its own reference)", container.source());
        }
        return container.layer();
    }

    private static String stripDigestPrefix(String ref) {
        return ref.startsWith("sha256:") ? ref.substring("sha256:".length()) : ref;
    }

    private static <T> Optional<T> byPrefix(String prefix, Map<String, T> byId) throws AmbiguousReferenceException {
        String p = prefix.toLowerCase(Locale.ROOT);
        if (p.isEmpty() || !p.matches("[0-9a-f]+")) {
            return Optional.empty();
        }
        List<String> matches = byId.keySet().stream().filter(id -> id.startsWith(p)).sorted().toList();
        if (matches.size() > 1) {
            throw new AmbiguousReferenceException(prefix, matches);
        }
        return matches.isEmpty() ? Optional.empty() : Optional.of(byId.get(matches.get(0)));
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) {
            map.putIfAbsent(key.apply(item), item);
        }
        return map;
    }

    /** Orders containers as {@code docker ps -a} does: newest first. */
    static final Comparator<Container> NEWEST_FIRST = Comparator.comparing(
            (Container c) -> c.created() == null ? java.time.Instant.EPOCH : c.created()).reversed();
}
