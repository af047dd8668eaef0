package io.github.drydock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.drydock.archive.Digests;
import io.github.drydock.archive.SaveFallbackTar;
import io.github.drydock.archive.SaveImage;
import io.github.drydock.archive.SaveReference;
import io.github.drydock.model.Container;
import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A commit planned before writing: the container's image prepared as for a save, the new layer's diff id
 * learnt in a first pass that only hashes the layer tar (memory stays flat), and the new config.
 *
 * @param base   the container's image, prepared
 * @param input  the committed image to save
 * @param added  the layer record standing for the container's changes, or null when it changed nothing
 *               (Docker then adds no layer and marks the history step {@code empty_layer})
 * @param digest the new layer tar's digest and size
 */
record RepackCommit(RepackSources.Prepared base, SaveImage input, Layer added, RepackDigest digest) {

    /**
     * @param root      the opened root
     * @param container the container to commit
     * @param options   tag, author, message
     * @param sources   prepares the image
     * @param fallback  writes the container's layer tar
     * @param strict    true to check the image's layers now
     * @return the plan
     * @throws IOException when the container, its image or its layer cannot be read
     */
    static RepackCommit prepare(DockerRoot root, Container container, Repack.CommitOptions options,
                                RepackSources sources, SaveFallbackTar fallback, boolean strict) throws IOException {
        ContainerLayer own = container.layer();
        if (own == null || own.path() == null) {
            throw new DockerStorageException("container " + container.shortId() + " has no readable read-write layer"
                    + " folder: nothing to commit", container.source());
        }
        List<String> tags = tags(options);
        Image image = container.imageId() == null ? null
                : root.image(container.imageId()).filter(i -> i.id().equals(container.imageId())).orElse(null);
        if (image == null) {
            throw new DockerStorageException("container " + container.shortId() + ": its image " + container.imageId()
                    + " is not in the image store, so there is nothing to commit on top of", container.source());
        }
        RepackSources.Prepared base = sources.prepare(image, strict);
        RepackDigest digest = RepackDigest.of(out -> fallback.writeContainer(image.layers(), own, out));
        boolean empty = digest.hex().equals(Digests.EMPTY_LAYER_DIFF_ID);
        ObjectNode containerConfig = RepackCommitConfig.containerConfig(container);
        byte[] config = RepackCommitConfig.build(base.input().config(), containerConfig, container.id(),
                commitTime(container), options.author(), options.comment(), empty ? null : digest.hex());
        List<Layer> layers = new ArrayList<>(base.input().layers());
        Layer added = null;
        if (!empty) {
            String top = layers.isEmpty() ? null : layers.get(layers.size() - 1).id();
            String id = own.mountId() != null ? own.mountId() : container.id();
            added = new Layer(id, digest.hex(), id, top, own.driver(), own.kind(), own.path(), digest.size(), null);
            layers.add(added);
        }
        return new RepackCommit(base, new SaveImage(config, tags, layers, base.input().imageId()), added, digest);
    }

    /** When the container finished, else when it was created: a commit of the same evidence is reproducible. */
    static Instant commitTime(Container container) {
        if (container.state() != null && container.state().finishedAt() != null) {
            return container.state().finishedAt();
        }
        return container.created() != null ? container.created() : Instant.now();
    }

    private static List<String> tags(Repack.CommitOptions options) throws DockerStorageException {
        if (options.repoTag() == null || options.repoTag().isBlank()) {
            return List.of();
        }
        try {
            return List.of(SaveReference.parse(options.repoTag()).familiarString());
        } catch (IllegalArgumentException e) {
            throw new DockerStorageException("invalid tag \"" + options.repoTag() + "\": " + e.getMessage(), null, e);
        }
    }
}
