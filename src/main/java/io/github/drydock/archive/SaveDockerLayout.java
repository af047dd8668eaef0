package io.github.drydock.archive;

import io.github.drydock.json.Json;
import io.github.drydock.json.ManifestJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The members of a Docker 1.10–24 {@code docker save} archive (moby v20.10 {@code image/tarexport/save.go}):
 * per layer {@code <v1 id>/} with {@code VERSION} ({@code 1.0}), {@code json} and {@code layer.tar} (a layer
 * already written under another v1 id becomes a symlink {@code ../<first v1 id>/layer.tar}), the config as
 * {@code <image id>.json}, then {@code manifest.json} and {@code repositories} (only when a tag is saved).
 * Layer members carry the image's creation time, {@code manifest.json} and {@code repositories} time 0.
 */
final class SaveDockerLayout {
    static final String MANIFEST = "manifest.json";
    static final String REPOSITORIES = "repositories";
    private static final String VERSION = "VERSION";
    private static final String V1_JSON = "json";
    private static final String LAYER_TAR = "layer.tar";
    private static final byte[] VERSION_CONTENT = "1.0".getBytes(StandardCharsets.US_ASCII);

    private SaveDockerLayout() {
    }

    /**
     * @param plan the planned archive
     * @return its members in archive order
     * @throws IOException when the JSON cannot be written
     */
    static List<SaveEntry> entries(SavePlan plan) throws IOException {
        List<SaveEntry> entries = new ArrayList<>();
        Set<String> savedV1Ids = new HashSet<>();
        Map<String, String> firstTar = new HashMap<>();
        List<ManifestJson> manifest = new ArrayList<>();
        Map<String, Map<String, String>> repositories = new TreeMap<>(LegacyConfigGoJson.KEY_ORDER);
        for (SavePlan.Planned image : plan.images()) {
            List<SaveV1Image.Entry> v1 = SaveV1Image.entries(image.parsed(), image.diffIds());
            List<String> layerPaths = new ArrayList<>();
            for (int i = 0; i < v1.size(); i++) {
                String id = v1.get(i).id();
                String diffId = image.diffIds().get(i);
                layerPaths.add(id + "/" + LAYER_TAR);
                if (savedV1Ids.add(id)) {
                    addLayer(entries, plan, image.mtime(), v1.get(i), diffId, firstTar);
                }
            }
            entries.add(new SaveEntry.Bytes(image.writtenId() + ".json", image.mtime(), image.config()));
            List<String> tags = image.refs().stream().map(SaveReference::familiarString).toList();
            manifest.add(new ManifestJson(image.writtenId() + ".json", tags.isEmpty() ? null : tags, layerPaths,
                    image.parentId() == null ? null : Digests.prefixed(image.parentId())));
            if (!v1.isEmpty()) {
                addRepositories(repositories, image.refs(), v1.get(v1.size() - 1).id());
            }
        }
        entries.add(new SaveEntry.Bytes(MANIFEST, 0, jsonLine(manifest)));
        if (!repositories.isEmpty()) {
            entries.add(new SaveEntry.Bytes(REPOSITORIES, 0, jsonLine(repositories)));
        }
        entries.sort(SaveEntry.WALK_ORDER);
        return entries;
    }

    private static void addLayer(List<SaveEntry> entries, SavePlan plan, long mtime, SaveV1Image.Entry v1,
                                 String diffId, Map<String, String> firstTar) {
        String dir = v1.id();
        entries.add(new SaveEntry.Folder(dir, mtime));
        entries.add(new SaveEntry.Bytes(dir + "/" + VERSION, mtime, VERSION_CONTENT));
        entries.add(new SaveEntry.Bytes(dir + "/" + V1_JSON, mtime, v1.json()));
        String tar = dir + "/" + LAYER_TAR;
        String first = firstTar.putIfAbsent(diffId, tar);
        if (first == null) {
            entries.add(new SaveEntry.LayerTar(tar, mtime, plan.source(diffId)));
        } else {
            entries.add(new SaveEntry.Symlink(tar, mtime, "../" + first));
        }
    }

    /** Go's {@code reposLegacy}: familiar name → tag → value, both levels sorted. */
    static void addRepositories(Map<String, Map<String, String>> repositories, List<SaveReference> refs, String value) {
        for (SaveReference ref : refs) {
            repositories.computeIfAbsent(ref.familiarName(), n -> new TreeMap<>(LegacyConfigGoJson.KEY_ORDER))
                    .put(ref.tag(), value);
        }
    }

    /** {@code json.NewEncoder(f).Encode(v)}: compact JSON and a newline. */
    static byte[] jsonLine(Object value) throws IOException {
        return (Json.MAPPER.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
