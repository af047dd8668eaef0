package io.github.drydock.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.drydock.json.Json;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Layer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything decided before the first byte of an archive is written: which images (duplicates merged,
 * tags normalised), where each layer's bytes come from and their size and digest, and, when a layer had
 * to be re-made by the fallback, the rewritten config and its new image id.
 */
final class SavePlan {
    /** Largest value a tar header's octal mtime holds. */
    private static final long MAX_MTIME = 077777777777L;

    /**
     * One image as it will be written.
     *
     * @param originalId the image id in the root
     * @param writtenId  the image id in the archive
     * @param config     the config bytes written
     * @param parsed     the written config, parsed
     * @param refs       its tags
     * @param diffIds    the written diff ids, base first
     * @param layers     how each layer is written
     * @param mtime      the image's creation time (seconds), used for its archive members
     * @param parentId   the written id of its parent when the parent is in the archive, else null
     */
    record Planned(String originalId, String writtenId, byte[] config, JsonNode parsed, List<SaveReference> refs,
                   List<String> diffIds, List<SaveLayerResult> layers, long mtime, String parentId) {
    }

    private final List<Planned> images;
    private final Map<String, SaveLayerSource> sources;
    private final List<Path> spooled;

    private SavePlan(List<Planned> images, Map<String, SaveLayerSource> sources, List<Path> spooled) {
        this.images = List.copyOf(images);
        this.sources = sources;
        this.spooled = spooled;
    }

    /**
     * Plans an archive. Layer files are read here only when a fallback is configured (each layer is then
     * verified first, to decide between the exact tar and the fallback).
     *
     * @param inputs   the images, in archive order
     * @param options  format and fallback
     * @param spoolDir where fallback tars are spooled
     * @return the plan; call {@link #deleteSpooled()} when done
     * @throws IOException when an image cannot be planned
     */
    static SavePlan create(List<SaveImage> inputs, SaveOptions options, Path spoolDir) throws IOException {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("nothing to save: no images given");
        }
        Map<String, Set<SaveReference>> refs = new LinkedHashMap<>();
        Map<String, SaveImage> byId = new LinkedHashMap<>();
        for (SaveImage input : inputs) {
            byId.putIfAbsent(input.imageId(), input);
            Set<SaveReference> tags = refs.computeIfAbsent(input.imageId(), id -> new LinkedHashSet<>());
            for (String tag : input.repoTags()) {
                tags.add(reference(tag, input.imageId()));
            }
        }
        SaveLayerSizes sizes = options.fallback() != null ? SaveLayerSizes.none()
                : SaveLayerSizes.compute(byId.values().stream().flatMap(i -> i.layers().stream()).toList());
        SaveLayerResolver resolver = new SaveLayerResolver(options.fallback(), spoolDir, sizes);
        try {
            List<Planned> planned = new ArrayList<>();
            for (SaveImage input : byId.values()) {
                planned.add(plan(input, List.copyOf(refs.get(input.imageId())), resolver));
            }
            return new SavePlan(withParents(planned, byId), resolver.sources(), resolver.spooled());
        } catch (IOException | RuntimeException e) {
            resolver.deleteSpooled();
            throw e;
        }
    }

    private static SaveReference reference(String tag, String imageId) throws DockerStorageException {
        try {
            return SaveReference.parse(tag);
        } catch (IllegalArgumentException e) {
            throw new DockerStorageException("image " + imageId + ": cannot record the tag \"" + tag + "\": " + e.getMessage(), null, e);
        }
    }

    /** @return the images, in archive order */
    List<Planned> images() {
        return images;
    }

    /**
     * @param diffId a written diff id
     * @return where its bytes come from
     */
    SaveLayerSource source(String diffId) {
        return sources.get(diffId);
    }

    /** Removes the spooled fallback tars. */
    void deleteSpooled() {
        SaveLayerResolver.delete(spooled);
    }

    /**
     * @param format the format written
     * @param bytes  the bytes written
     * @return the result to hand back
     */
    SaveResult result(SaveFormat format, long bytes) {
        List<SaveImageResult> results = new ArrayList<>();
        for (Planned image : images) {
            results.add(new SaveImageResult(image.originalId(), image.writtenId(),
                    image.refs().stream().map(SaveReference::familiarString).toList(), image.layers()));
        }
        return new SaveResult(format, results, bytes);
    }

    private static Planned plan(SaveImage input, List<SaveReference> refs, SaveLayerResolver resolver) throws IOException {
        String id = input.imageId();
        JsonNode parsed = parse(input.config(), id);
        List<String> diffIds = diffIds(parsed, id);
        if (diffIds.size() != input.layers().size()) {
            throw new DockerStorageException("image " + id + ": its config lists " + diffIds.size()
                    + " layers but " + input.layers().size() + " layer records were given", null);
        }
        List<SaveLayerResult> layers = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            Layer layer = input.layers().get(i);
            if (layer.diffId() != null && !(Digests.isDigest(layer.diffId()) && Digests.hex(layer.diffId()).equals(diffIds.get(i)))) {
                throw new DockerStorageException("image " + id + ": layer " + i + " (" + layer.id() + ") has diff id "
                        + layer.diffId() + " but the config records " + diffIds.get(i), layer.tarSplit());
            }
            layers.add(resolver.resolve(layer, diffIds.get(i)));
        }
        List<String> written = layers.stream().map(SaveLayerResult::writtenDiffId).toList();
        byte[] config = written.equals(diffIds) ? input.config() : rewrite(parsed, written);
        JsonNode writtenConfig = written.equals(diffIds) ? parsed : parse(config, id);
        return new Planned(id, Digests.sha256Hex(config), config, writtenConfig, refs, written, layers,
                mtime(parsed), null);
    }

    private static List<Planned> withParents(List<Planned> planned, Map<String, SaveImage> inputs) {
        Map<String, String> writtenIds = new LinkedHashMap<>();
        planned.forEach(p -> writtenIds.put(p.originalId(), p.writtenId()));
        List<Planned> out = new ArrayList<>();
        for (Planned p : planned) {
            String parent = inputs.get(p.originalId()).parentId();
            String writtenParent = parent == null || parent.equals(p.originalId()) ? null : writtenIds.get(parent);
            out.add(new Planned(p.originalId(), p.writtenId(), p.config(), p.parsed(), p.refs(), p.diffIds(),
                    p.layers(), p.mtime(), writtenParent));
        }
        return out;
    }

    private static JsonNode parse(byte[] config, String id) throws DockerStorageException {
        try {
            JsonNode node = Json.MAPPER.readTree(config);
            if (node == null || !node.isObject()) {
                throw new DockerStorageException("image " + id + ": its config is not a JSON object", null);
            }
            return node;
        } catch (DockerStorageException e) {
            throw e;
        } catch (IOException e) {
            throw new DockerStorageException("image " + id + ": cannot parse its config: " + e.getMessage(), null, e);
        }
    }

    private static List<String> diffIds(JsonNode config, String id) throws DockerStorageException {
        JsonNode list = config.path("rootfs").path("diff_ids");
        List<String> diffIds = new ArrayList<>();
        for (JsonNode diffId : list) {
            if (!diffId.isTextual() || !Digests.isDigest(diffId.asText())) {
                throw new DockerStorageException("image " + id + ": invalid diff id in its config: " + diffId, null);
            }
            diffIds.add(Digests.hex(diffId.asText()));
        }
        if (!list.isArray()) {
            throw new DockerStorageException("image " + id + ": its config has no rootfs.diff_ids", null);
        }
        return diffIds;
    }

    /** A config whose layers were re-made: same JSON with the new diff ids (the image id changes anyway). */
    private static byte[] rewrite(JsonNode parsed, List<String> diffIds) throws IOException {
        ObjectNode copy = parsed.deepCopy();
        ArrayNode list = ((ObjectNode) copy.path("rootfs")).putArray("diff_ids");
        diffIds.forEach(d -> list.add(Digests.prefixed(d)));
        return Json.MAPPER.writeValueAsBytes(copy);
    }

    /** The image's {@code created} time in whole seconds, as Go's tar writer rounds it; 0 when unknown. */
    private static long mtime(JsonNode config) {
        try {
            long seconds = OffsetDateTime.parse(config.path("created").asText(""), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toEpochSecond();
            return Math.max(0, Math.min(MAX_MTIME, seconds));
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
