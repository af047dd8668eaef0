package io.github.drydock.archive;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The legacy v1 ids and per-layer {@code json} files that {@code docker save} (1.10 – 24) writes next to
 * each {@code layer.tar}: moby v20.10 {@code image/tarexport/save.go} {@code saveImage} and
 * {@code image/v1/imagev1.go} {@code CreateID}.
 *
 * <p>For layer {@code i} of an image the v1 image is an empty {@code V1Image} created at the Unix epoch,
 * except for the top layer, which is the image's own {@code V1Image} (decoded from its config). Its id is
 * the SHA-256 of that struct marshalled without {@code id}, as a sorted map with {@code layer_id} (the
 * chain id of layers 0..i) and {@code parent} (the previous layer's v1 id) added. The {@code json} file is
 * the struct with {@code id}, {@code parent} and {@code os} set. Loaders do not need any of this; it is
 * reproduced so that archives match what Docker wrote.
 */
final class SaveV1Image {
    /**
     * One layer's legacy entry.
     *
     * @param id   the v1 id (64 hex), also the folder name in the archive
     * @param json the bytes of {@code <v1 id>/json}
     */
    record Entry(String id, byte[] json) {
    }

    private SaveV1Image() {
    }

    /**
     * @param config  the parsed image config
     * @param diffIds its diff ids, base first (64 hex)
     * @return the legacy entry of every layer, base first
     */
    static List<Entry> entries(JsonNode config, List<String> diffIds) {
        List<String> chainIds = Digests.chainIds(diffIds);
        String os = config.path("os").isTextual() ? config.path("os").asText() : "";
        List<Entry> entries = new ArrayList<>(diffIds.size());
        String parent = null;
        for (int i = 0; i < diffIds.size(); i++) {
            boolean top = i == diffIds.size() - 1;
            LinkedHashMap<String, String> fields = top
                    ? LegacyConfigV1Image.fields(config, LegacyConfigV1Image.Schema.DOCKER_20_10, true)
                    : epochImage();
            fields.remove("id");
            String id = createId(fields, chainIds.get(i), parent);
            entries.add(new Entry(id, json(fields, id, parent, top ? null : os)));
            parent = id;
        }
        return List.copyOf(entries);
    }

    /** {@code image.V1Image{Created: time.Unix(0, 0)}}, as a daemon running in UTC marshals it. */
    private static LinkedHashMap<String, String> epochImage() {
        LinkedHashMap<String, String> fields = LegacyConfigV1Image.fields(null, LegacyConfigV1Image.Schema.DOCKER_20_10, false);
        fields.put("created", "\"" + LegacyConfigGoJson.EPOCH_TIME + "\"");
        return fields;
    }

    private static String createId(Map<String, String> fields, String chainId, String parent) {
        TreeMap<String, String> sorted = new TreeMap<>(LegacyConfigGoJson.KEY_ORDER);
        sorted.putAll(fields);
        sorted.put("layer_id", LegacyConfigGoJson.string(Digests.prefixed(chainId)));
        if (parent != null) {
            sorted.put("parent", LegacyConfigGoJson.string(Digests.prefixed(parent)));
        }
        return Digests.sha256Hex(LegacyConfigV1Image.object(sorted).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] json(Map<String, String> fields, String id, String parent, String lowerOs) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        out.put("id", LegacyConfigGoJson.string(id));
        if (parent != null) {
            out.put("parent", LegacyConfigGoJson.string(parent));
        }
        out.putAll(fields);
        if (lowerOs != null && !lowerOs.isEmpty()) {
            // save.go sets OS after computing the id, so only the file carries it; Size stays last
            String size = out.remove("Size");
            out.put("os", LegacyConfigGoJson.string(lowerOs));
            if (size != null) {
                out.put("Size", size);
            }
        }
        return LegacyConfigV1Image.object(out).getBytes(StandardCharsets.UTF_8);
    }
}
