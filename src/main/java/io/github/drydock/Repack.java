package io.github.drydock;

import io.github.drydock.archive.LayerFallback;
import io.github.drydock.archive.SaveFallbackTar;
import io.github.drydock.archive.SaveFormat;
import io.github.drydock.archive.SaveImage;
import io.github.drydock.archive.SaveOptions;
import io.github.drydock.archive.SaveResult;
import io.github.drydock.archive.SaveWriter;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.Container;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Repacks what a root holds as archives real tools load, and checks images against what Docker recorded:
 * {@code docker save}, {@code docker commit} and an integrity check, offline.
 *
 * <pre>{@code
 * DockerRoot root = DockerRoot.open(Path.of("/mnt/evidence"));
 * Repack repack = Repack.of(root);
 * RepackResult saved = repack.save(List.of("mysql:5.7.5"), SaveFormat.DOCKER,
 *         new RepackTarget.File(Path.of("mysql.tar")), false);
 * saved.warnings().forEach(System.err::println);
 * }</pre>
 *
 * <p>Layers are rebuilt byte for byte from their tar-split where Docker kept one, so a modern image keeps its
 * id. A layer that cannot be rebuilt exactly (a file changed or missing since Docker wrote the tar-split, no
 * tar-split at all) is written as drydock's deterministic tar of its folder ({@link SaveFallbackTar}); its diff
 * id and the image id then change, and the result says which file and why. With {@code strict} nothing is
 * written instead. Legacy images get the config Docker 1.10's migration would have made. Nothing under the
 * root is ever written: a target inside it is refused.
 */
public final class Repack {
    private final DockerRoot root;
    private final NodeInspector inspector;

    private Repack(DockerRoot root, NodeInspector inspector) {
        this.root = Objects.requireNonNull(root, "root");
        this.inspector = Objects.requireNonNull(inspector, "inspector");
    }

    /**
     * @param root an opened root
     * @return a repacker reading file facts from the host ({@link NodeInspector#system()})
     */
    public static Repack of(DockerRoot root) {
        return new Repack(root, NodeInspector.system());
    }

    /**
     * @param root      an opened root
     * @param inspector the file-fact seam
     * @return a repacker
     */
    public static Repack of(DockerRoot root, NodeInspector inspector) {
        return new Repack(root, inspector);
    }

    /**
     * What a commit records besides the container's changes.
     *
     * @param repoTag the {@code repo:tag} to record, or null for none
     * @param author  the author ({@code docker commit -a}), or null
     * @param comment the message ({@code docker commit -m}), or null
     */
    public record CommitOptions(String repoTag, String author, String comment) {
    }

    /**
     * Saves images as {@code docker save} does. Arguments are read as {@code docker save} reads them: an id or
     * id prefix saves no tag, {@code repo:tag} that tag, a repository name every tag of that repository.
     *
     * @param references the images, in archive order
     * @param format     the archive layout
     * @param target     where to write
     * @param strict     true to fail, writing nothing, when a layer cannot be rebuilt exactly
     * @return what was written
     * @throws IOException when an image is unknown, cannot be read, is not exact under {@code strict}, the
     *                     target is inside the root, or writing fails (no partial file or folder is left)
     */
    public RepackResult save(List<String> references, SaveFormat format, RepackTarget target, boolean strict)
            throws IOException {
        RepackTargets.refuseInsideRoot(root, target);
        SaveFallbackTar fallback = fallback();
        RepackSources sources = new RepackSources(root, fallback);
        Map<String, RepackResults.Source> byInput = new LinkedHashMap<>();
        List<SaveImage> inputs = new ArrayList<>();
        List<RepackSources.Prepared> prepared = new ArrayList<>();
        for (RepackReferences.Selection selection : RepackReferences.resolve(root, references)) {
            RepackSources.Prepared image = sources.prepare(selection.image(), strict);
            prepared.add(image);
            inputs.add(image.withTags(selection.tags()));
            RepackResults.Source known = byInput.get(image.input().imageId());
            String reference = known == null ? selection.reference() : known.reference() + " " + selection.reference();
            byInput.put(image.input().imageId(), new RepackResults.Source(reference, image.image().id(), image, null));
        }
        if (strict) {
            RepackSources.requireExact(prepared);
        }
        SaveResult result = write(inputs, new SaveOptions(format, strict ? null : fallback, null), target);
        return RepackResults.of(result, target, byInput, fallback.problems());
    }

    /**
     * Commits a container as {@code docker commit} would and saves the new image: the image's layers plus
     * one layer with the container's own changes (init layer excluded, whiteouts in the AUFS/OCI form),
     * and the config of the container. The commit time is when the container finished, else when it was
     * created (so the same evidence always gives the same image id).
     *
     * @param container the container
     * @param options   tag, author and message
     * @param format    the archive layout
     * @param target    where to write
     * @param strict    true to fail when an image layer cannot be rebuilt exactly
     * @return what was written; its one image's last layer is the new one ({@link RepackLayer#added()})
     * @throws IOException when the container or its image cannot be read, or writing fails
     */
    public RepackResult commit(Container container, CommitOptions options, SaveFormat format, RepackTarget target,
                               boolean strict) throws IOException {
        RepackTargets.refuseInsideRoot(root, target);
        SaveFallbackTar fallback = fallback();
        RepackSources sources = new RepackSources(root, fallback);
        RepackCommit commit = RepackCommit.prepare(root, container, options, sources, fallback, strict);
        if (strict) {
            RepackSources.requireExact(List.of(commit.base()));
        }
        LayerFallback layers = (layer, out) -> {
            if (layer.equals(commit.added())) {
                fallback.writeContainer(commit.base().image().layers(), container.layer(), out);
            } else if (strict) {
                throw new DockerStorageException("layer " + layer.id() + " cannot be rebuilt exactly (strict)",
                        layer.path());
            } else {
                fallback.write(layer, out);
            }
        };
        SaveResult result = write(List.of(commit.input()), new SaveOptions(format, layers, null), target);
        Map<String, RepackResults.Source> byInput = Map.of(commit.input().imageId(),
                new RepackResults.Source(container.name() == null ? container.id() : container.name(), container.id(),
                        commit.base(), commit));
        return RepackResults.of(result, target, byInput, fallback.problems());
    }

    /**
     * Checks images against what Docker recorded: config digest and chain ids (modern), and every layer
     * rebuilt from its tar-split against its diff id, naming each changed, missing or replaced file. Layers
     * shared by several images are rebuilt once.
     *
     * @param images the images
     * @return one check per image, in order; damage is reported, never thrown
     */
    public List<RepackCheck> verify(List<Image> images) {
        RepackVerifier verifier = new RepackVerifier(root);
        List<RepackCheck> checks = new ArrayList<>();
        for (Image image : images) {
            checks.add(verifier.check(image));
        }
        return checks;
    }

    /**
     * @param image an image of the root
     * @return its check
     */
    public RepackCheck verify(Image image) {
        return verify(List.of(image)).get(0);
    }

    private SaveFallbackTar fallback() {
        Map<String, Layer> layers = new LinkedHashMap<>();
        root.layers().forEach(l -> layers.putIfAbsent(l.id(), l));
        return new SaveFallbackTar(inspector, id -> Optional.ofNullable(layers.get(id)));
    }

    private static SaveResult write(List<SaveImage> inputs, SaveOptions options, RepackTarget target) throws IOException {
        if (target instanceof RepackTarget.File file) {
            return SaveWriter.write(inputs, options, file.path());
        }
        if (target instanceof RepackTarget.Folder folder) {
            return SaveWriter.writeFolder(inputs, options, folder.path());
        }
        return SaveWriter.write(inputs, options, ((RepackTarget.Stream) target).out());
    }
}
