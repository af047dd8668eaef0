package io.github.drydock;

import io.github.drydock.archive.Digests;
import io.github.drydock.archive.LayerTarMismatch;
import io.github.drydock.archive.LayerTarReport;
import io.github.drydock.archive.LegacyConfigBuilder;
import io.github.drydock.archive.SaveFallbackTar;
import io.github.drydock.archive.SaveImage;
import io.github.drydock.archive.TarSplitAssembler;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Generation;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns images of the root into {@link SaveImage} inputs. A modern image is its stored config and layers.
 * A legacy image gets the config Docker 1.10's migration would have made ({@link LegacyConfigBuilder}),
 * with each layer's diff id taken, in this order, from a clean tar-split rebuild, from the
 * {@code .migration-diffid} the migration left, or, when neither exists, from drydock's deterministic tar of
 * the layer ({@link SaveFallbackTar}, computed in a first pass that only hashes).
 */
final class RepackSources {
    /** Why a layer without tar-split cannot be rebuilt exactly. */
    static final String NO_TAR_SPLIT = "no tar-split recorded (legacy layers before Docker 1.8 have none)";

    private final DockerRoot root;
    private final SaveFallbackTar fallback;
    private final Map<String, LayerState> states = new HashMap<>();

    /**
     * What is known about one layer before writing.
     *
     * @param originalDiffId the diff id Docker recorded or a clean rebuild proved, or null when unknown
     * @param configDiffId   the diff id the config lists (the original, else the fallback tar's digest), or
     *                       null when only known after writing (strict mode never needs it)
     * @param exact          true when the tar-split rebuild matched every file (and the recorded diff id)
     * @param reason         why it is not exact, else empty
     * @param mismatches     the files that differ
     */
    record LayerState(String originalDiffId, String configDiffId, boolean exact, String reason,
                      List<LayerTarMismatch> mismatches) {
        LayerState {
            mismatches = List.copyOf(mismatches);
        }
    }

    /**
     * One image ready to be saved.
     *
     * @param image           the image of the root
     * @param input           the save input, with no tags yet
     * @param legacy          true when its config was built from v1 JSON
     * @param originalImageId the image id it stands for, or null when unknown (see {@link RepackImage})
     * @param states          legacy layers (and all layers in strict mode): what was found, by layer id
     */
    record Prepared(Image image, SaveImage input, boolean legacy, String originalImageId, Map<String, LayerState> states) {
        Prepared {
            states = Map.copyOf(states);
        }

        SaveImage withTags(List<String> tags) {
            return new SaveImage(input.config(), tags, input.layers(), input.parentId());
        }
    }

    RepackSources(DockerRoot root, SaveFallbackTar fallback) {
        this.root = root;
        this.fallback = fallback;
    }

    /**
     * @param image  an image of the root
     * @param strict true to check every layer now (a save that must be exact fails before writing)
     * @return the prepared image
     * @throws IOException when its config or a layer cannot be read
     */
    Prepared prepare(Image image, boolean strict) throws IOException {
        if (root.generation() == Generation.LEGACY) {
            return legacy(image, strict);
        }
        if (image.source() == null) {
            throw new DockerStorageException("image " + image.shortId() + " has no config file", null);
        }
        SaveImage input = SaveImage.read(image.source(), List.of(), image.layers(), image.parentId());
        Map<String, LayerState> found = new HashMap<>();
        if (strict) {
            for (Layer layer : image.layers()) {
                found.put(layer.id(), state(layer, layer.diffId(), false));
            }
        }
        return new Prepared(image, input, false, image.id(), found);
    }

    /**
     * Fails when a prepared image cannot be written byte-exactly, naming every file and why.
     *
     * @param prepared the images
     * @throws DockerStorageException listing what is not exact
     */
    static void requireExact(List<Prepared> prepared) throws DockerStorageException {
        List<String> failures = new ArrayList<>();
        for (Prepared p : prepared) {
            String name = p.image().repoTags().isEmpty() ? p.image().shortId() : p.image().repoTags().get(0);
            if (!p.legacy() && !p.input().imageId().equals(p.image().id())) {
                failures.add("image " + name + ": its config hashes to sha256:" + p.input().imageId()
                        + ", not to its id");
            }
            for (Layer layer : p.image().layers()) {
                LayerState state = p.states().get(layer.id());
                if (state != null && !state.exact()) {
                    failures.add("image " + name + ", layer " + layer.id() + ": " + state.reason()
                            + state.mismatches().stream().map(m -> "; " + m.message()).reduce("", String::concat));
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new DockerStorageException("cannot write an exact archive (strict): " + String.join("; ", failures), null);
        }
    }

    private Prepared legacy(Image image, boolean strict) throws IOException {
        List<LegacyConfigBuilder.Step> steps = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        Map<String, LayerState> found = new HashMap<>();
        boolean known = true;
        for (Layer layer : image.layers()) {
            LayerState state = state(layer, layer.diffId(), !strict);
            found.put(layer.id(), state);
            known &= state.originalDiffId() != null;
            String diffId = state.configDiffId() != null ? state.configDiffId() : Digests.EMPTY_LAYER_DIFF_ID;
            Path json = v1Json(layer);
            steps.add(new LegacyConfigBuilder.Step(RepackFiles.read(json, LegacyConfigBuilder.MAX_JSON_BYTES,
                    "legacy image JSON"), diffId, json));
            layers.add(new Layer(layer.id(), diffId, layer.cacheId(), layer.parentId(), layer.driver(), layer.kind(),
                    layer.path(), layer.size(), layer.tarSplit()));
        }
        if (steps.isEmpty()) {
            throw new DockerStorageException("legacy image " + image.shortId() + " has no layers to save", image.source());
        }
        List<LegacyConfigBuilder.Result> chain = LegacyConfigBuilder.buildChain(steps);
        LegacyConfigBuilder.Result built = chain.get(chain.size() - 1);
        String parent = chain.size() > 1 ? chain.get(chain.size() - 2).imageId() : null;
        SaveImage input = new SaveImage(built.config(), List.of(), layers, parent);
        return new Prepared(image, input, true, known ? built.imageId() : null, found);
    }

    /** Finds the v1 JSON of a legacy layer: {@code graph/<id>/json} of the image of the same id. */
    private Path v1Json(Layer layer) throws DockerStorageException {
        Image own = root.image(layer.id()).filter(i -> i.id().equals(layer.id())).orElse(null);
        if (own == null || own.source() == null) {
            throw new DockerStorageException("legacy layer " + layer.id() + ": its image JSON is not in the graph",
                    layer.path());
        }
        return own.source();
    }

    /**
     * Checks a layer once (cached): a tar-split rebuild when there is one.
     *
     * @param layer         the layer
     * @param recorded      the diff id Docker recorded for it, or null
     * @param needConfigId  true to hash the fallback tar when the original diff id is unknown
     */
    private LayerState state(Layer layer, String recorded, boolean needConfigId) throws IOException {
        String expected = recorded != null && Digests.isDigest(recorded) ? Digests.hex(recorded) : null;
        String key = layer.id() + "|" + expected;
        LayerState known = states.get(key);
        if (known != null && (known.configDiffId() != null || !needConfigId)) {
            return known;
        }
        LayerState state = check(layer, expected);
        if (state.configDiffId() == null && needConfigId) {
            RepackDigest digest = RepackDigest.of(out -> fallback.write(layer, out));
            state = new LayerState(null, digest.hex(), false, state.reason(), state.mismatches());
        }
        states.put(key, state);
        return state;
    }

    private static LayerState check(Layer layer, String expected) {
        if (layer.tarSplit() == null) {
            return new LayerState(expected, expected, false, NO_TAR_SPLIT, List.of());
        }
        if (layer.path() == null || layer.kind() == LayerKind.UNREADABLE) {
            return new LayerState(expected, expected, false, "no readable layer folder (" + layer.driver() + ")", List.of());
        }
        try {
            LayerTarReport report = TarSplitAssembler.verify(layer.tarSplit(), layer.path(), expected);
            if (report.ok()) {
                return new LayerState(report.computedDiffId(), report.computedDiffId(), true, "", List.of());
            }
            String reason = report.mismatches().isEmpty() ? report.describe().orElse("rebuild failed")
                    : report.mismatches().size() + " file(s) differ from the tar-split";
            return new LayerState(expected, expected, false, reason, report.mismatches());
        } catch (DockerStorageException e) {
            return new LayerState(expected, expected, false, e.getMessage(), List.of());
        }
    }
}
