package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.model.Container;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Image;
import io.github.drydock.model.Problem;
import io.github.drydock.model.Volume;
import io.github.drydock.union.UnionView;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code ls}, {@code cp} and {@code export} read: the merged view of a container, an image or a
 * volume, found from what the user typed. A container is looked up first (id, id prefix, name), then an
 * image (id, prefix, {@code repo:tag}, {@code repo@digest}); {@value #VOLUME_PREFIX}{@code NAME} names a
 * volume (name or unique prefix of a 64-hex name) and takes precedence.
 *
 * @param kind         what was found
 * @param id           its full id (a volume: its name)
 * @param label        how messages name it, e.g. {@code container c-run (3b03d0aa1e9b)}
 * @param view         its merged view, freshly opened
 * @param rootProblems the problems of the root that name it (read when the root was opened)
 */
public record ViewTarget(Kind kind, String id, String label, UnionView view, List<Problem> rootProblems) {
    /** The prefix that makes a TARGET a volume: {@code volume:NAME}. */
    public static final String VOLUME_PREFIX = "volume:";

    /** What a target is. */
    public enum Kind {
        /** A container: read-write layer, init layer, image layers. */
        CONTAINER,
        /** An image: its layers. */
        IMAGE,
        /** A volume's data folder. */
        VOLUME
    }

    /** Validates the parts and copies the problem list. */
    public ViewTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(view, "view");
        rootProblems = List.copyOf(rootProblems);
    }

    /**
     * Finds a target.
     *
     * @param root      the opened root
     * @param reference a container or image reference, or {@value #VOLUME_PREFIX}{@code NAME}
     * @return the target with its view
     * @throws CliException           when nothing matches
     * @throws DockerStorageException when a reference is ambiguous or the target has no readable files
     */
    public static ViewTarget find(DockerRoot root, String reference) throws CliException, DockerStorageException {
        if (reference.startsWith(VOLUME_PREFIX)) {
            return volume(root, reference.substring(VOLUME_PREFIX.length()));
        }
        Optional<Container> container = root.container(reference);
        if (container.isPresent()) {
            return container(root, container.get());
        }
        Image image = root.image(reference)
                .orElseThrow(() -> new CliException("no such container or image: " + reference));
        String tag = image.repoTags().isEmpty() ? "" : " " + image.repoTags().get(0);
        return new ViewTarget(Kind.IMAGE, image.id(), "image" + tag + " (" + image.shortId() + ")",
                root.view(image), ExitCodes.about(root.problems(), image.id()));
    }

    /**
     * Finds a volume by name or unique prefix.
     *
     * @param root the opened root
     * @param name what the user typed (without {@value #VOLUME_PREFIX})
     * @return the target
     * @throws CliException           when no volume matches
     * @throws DockerStorageException when the name is ambiguous or the volume's data is not on this disk
     */
    public static ViewTarget volume(DockerRoot root, String name) throws CliException, DockerStorageException {
        Volume volume = root.volume(name).orElseThrow(() -> new CliException("no such volume: " + name));
        String folder = "/" + volume.name();
        List<Problem> about = root.problems().stream()
                .filter(p -> p.path().contains(folder + "/") || p.path().endsWith(folder)
                        || p.message().contains("volume " + volume.name()))
                .toList();
        return new ViewTarget(Kind.VOLUME, volume.name(), "volume " + volume.name(), root.view(volume), about);
    }

    /**
     * The target of a container.
     *
     * @param root      the opened root
     * @param container one of its containers
     * @return the target
     * @throws DockerStorageException when the container has no read-write layer on this disk
     */
    public static ViewTarget container(DockerRoot root, Container container) throws DockerStorageException {
        String label = "container " + Text.containerName(container.name()) + " (" + container.shortId() + ")";
        return new ViewTarget(Kind.CONTAINER, container.id(), label, root.view(container),
                ExitCodes.about(root.problems(), container.id()));
    }

    /**
     * @param more problems met after the view was read (they may include the view's own)
     * @return the root's problems about this target, then {@code more}
     */
    public List<Problem> problems(List<Problem> more) {
        List<Problem> all = new ArrayList<>(rootProblems);
        for (Problem problem : more) {
            if (!all.contains(problem)) {
                all.add(problem);
            }
        }
        return all;
    }

    /** @return the root's problems about this target, then the view's problems so far */
    public List<Problem> problems() {
        return problems(view.problems());
    }
}
