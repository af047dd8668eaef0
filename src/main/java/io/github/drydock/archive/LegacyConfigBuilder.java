package io.github.drydock.archive;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.json.Json;
import io.github.drydock.model.DockerStorageException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds the modern image config of a legacy image (Docker 0.7 – 1.9, {@code graph/<id>/json}) exactly as
 * Docker 1.10's migration did (moby v1.10.3 {@code migrate/v1/migratev1.go} {@code migrateImage},
 * {@code image/v1/imagev1.go} {@code MakeConfigFromV1Config} and {@code HistoryFromConfig}), so the
 * resulting image id is the one a real upgrade would have given:
 * <ul>
 *   <li>when {@code docker_version} is below 1.8.3 (or absent) the v1 JSON is first decoded into and
 *       re-encoded from Docker 1.10's {@code V1Image} struct (unknown and empty fields drop out);</li>
 *   <li>the top-level keys {@code id, parent, Size, parent_id, layer_id, throwaway} are removed and the
 *       other values are kept as raw JSON, compacted;</li>
 *   <li>{@code rootfs} = {@code {"type":"layers","diff_ids":[…]}} and {@code history} = one entry per
 *       image of the chain ({@code created, author, created_by = join(container_config.Cmd, " "), comment};
 *       no {@code empty_layer} marks) are added;</li>
 *   <li>keys are sorted and Go's HTML-safe escaping applies; the image id is the SHA-256 of the bytes.</li>
 * </ul>
 * The diff id of each legacy layer comes from the caller: the SHA-256 of its tar rebuilt from
 * {@code graph/<id>/tar-data.json.gz} ({@link TarSplitAssembler}), or {@code .migration-diffid}.
 */
public final class LegacyConfigBuilder {
    /** Largest v1 JSON accepted, against hostile input. */
    public static final int MAX_JSON_BYTES = 64 * 1024 * 1024;

    private static final String NO_FALLBACK_MIN_VERSION = "1.8.3";
    private static final List<String> DROPPED_KEYS = List.of("id", "parent", "Size", "parent_id", "layer_id", "throwaway");

    private LegacyConfigBuilder() {
    }

    /**
     * One legacy image of a chain.
     *
     * @param v1Json the bytes of its {@code graph/<id>/json}
     * @param diffId the diff id of its layer ({@code sha256:} optional)
     * @param source where the JSON came from, for messages (may be null)
     */
    public record Step(byte[] v1Json, String diffId, Path source) {
        /** Validates the parts and copies the bytes. */
        public Step {
            Objects.requireNonNull(v1Json, "v1Json");
            v1Json = v1Json.clone();
            diffId = Digests.hex(diffId);
        }

        /** @return a copy of the v1 JSON bytes */
        @Override
        public byte[] v1Json() {
            return v1Json.clone();
        }
    }

    /**
     * The modern config of one legacy image.
     *
     * @param config   the config bytes (write them verbatim: the image id is their hash)
     * @param imageId  sha256 of the config (64 hex)
     * @param diffIds  the chain's diff ids up to this image, base first
     * @param chainIds the chain ids of those layers, base first; the last is this image's top layer
     */
    public record Result(byte[] config, String imageId, List<String> diffIds, List<String> chainIds) {
        /** Copies defensively. */
        public Result {
            config = config.clone();
            diffIds = List.copyOf(diffIds);
            chainIds = List.copyOf(chainIds);
        }

        /** @return a copy of the config bytes */
        @Override
        public byte[] config() {
            return config.clone();
        }
    }

    /**
     * @param chain the legacy images from the base to the image wanted
     * @return the config of the last image of the chain
     * @throws DockerStorageException when a v1 JSON is not a JSON object or too large
     */
    public static Result build(List<Step> chain) throws DockerStorageException {
        List<Result> all = buildChain(chain);
        return all.get(all.size() - 1);
    }

    /**
     * @param chain the legacy images from the base up
     * @return the config of every image of the chain (each legacy image becomes a modern image), base first
     * @throws DockerStorageException when a v1 JSON is not a JSON object or too large
     */
    public static List<Result> buildChain(List<Step> chain) throws DockerStorageException {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a chain has at least one image");
        }
        List<String> diffIds = new ArrayList<>();
        List<String> history = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        for (Step step : chain) {
            JsonNode parsed = parse(step);
            diffIds.add(step.diffId());
            history.add(history(parsed));
            byte[] config = config(step, parsed, diffIds, history);
            results.add(new Result(config, Digests.sha256Hex(config), diffIds, Digests.chainIds(diffIds)));
        }
        return List.copyOf(results);
    }

    private static byte[] config(Step step, JsonNode parsed, List<String> diffIds, List<String> history)
            throws DockerStorageException {
        Map<String, String> values = new TreeMap<>(LegacyConfigGoJson.KEY_ORDER);
        if (versionLess(dockerVersion(parsed), NO_FALLBACK_MIN_VERSION)) {
            values.putAll(LegacyConfigV1Image.fields(parsed, LegacyConfigV1Image.Schema.DOCKER_1_10, false));
        } else {
            values.putAll(rawValues(step));
        }
        DROPPED_KEYS.forEach(values::remove);
        StringBuilder rootfs = new StringBuilder("{\"type\":\"layers\",\"diff_ids\":[");
        for (int i = 0; i < diffIds.size(); i++) {
            rootfs.append(i > 0 ? "," : "").append('"').append(Digests.prefixed(diffIds.get(i))).append('"');
        }
        values.put("rootfs", rootfs.append("]}").toString());
        values.put("history", "[" + String.join(",", history) + "]");
        return LegacyConfigV1Image.object(values).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code image.History} of {@code HistoryFromConfig(json, false)}, encoded. */
    private static String history(JsonNode parsed) {
        StringBuilder out = new StringBuilder("{\"created\":").append(
                LegacyConfigV1Image.fields(parsed, LegacyConfigV1Image.Schema.DOCKER_1_10, false).get("created"));
        appendString(out, "author", text(LegacyConfigV1Image.v1Field(parsed, "author")));
        appendString(out, "created_by", LegacyConfigV1Image.containerCommand(parsed));
        appendString(out, "comment", text(LegacyConfigV1Image.v1Field(parsed, "comment")));
        return out.append('}').toString();
    }

    private static void appendString(StringBuilder out, String key, String value) {
        if (!value.isEmpty()) {
            out.append(",\"").append(key).append("\":").append(LegacyConfigGoJson.string(value));
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : "";
    }

    private static String dockerVersion(JsonNode parsed) {
        String found = "";
        for (var it = parsed.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (entry.getKey().equalsIgnoreCase("docker_version") && entry.getValue().isTextual()) {
                found = entry.getValue().asText();
            }
        }
        return found;
    }

    /** moby {@code pkg/version}: dot-separated integers, a part that is not a number counts as 0. */
    static boolean versionLess(String version, String other) {
        String[] a = version.split("\\.", -1);
        String[] b = other.split("\\.", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            long x = i < a.length ? number(a[i]) : 0;
            long y = i < b.length ? number(b[i]) : 0;
            if (x != y) {
                return x < y;
            }
        }
        return false;
    }

    private static long number(String part) {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static JsonNode parse(Step step) throws DockerStorageException {
        if (step.v1Json.length > MAX_JSON_BYTES) {
            throw new DockerStorageException("legacy image JSON " + step.source() + " is larger than "
                    + MAX_JSON_BYTES + " bytes; refused", step.source());
        }
        try {
            JsonNode node = Json.MAPPER.readTree(step.v1Json);
            if (node == null || !node.isObject()) {
                throw new DockerStorageException("legacy image JSON " + step.source() + " is not a JSON object", step.source());
            }
            return node;
        } catch (DockerStorageException e) {
            throw e;
        } catch (IOException e) {
            throw new DockerStorageException("cannot parse legacy image JSON " + step.source() + ": "
                    + e.getMessage(), step.source(), e);
        }
    }

    /** The top-level values as Go's {@code map[string]*json.RawMessage} keeps them: raw, then compacted. */
    private static Map<String, String> rawValues(Step step) throws DockerStorageException {
        Map<String, String> values = new TreeMap<>(LegacyConfigGoJson.KEY_ORDER);
        byte[] bytes = step.v1Json;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(bytes)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                int start = (int) parser.currentTokenLocation().getByteOffset();
                if (value.isStructStart()) {
                    parser.skipChildren();
                } else {
                    parser.finishToken();
                }
                int end = (int) parser.currentLocation().getByteOffset();
                values.put(key, new String(LegacyConfigGoJson.compact(bytes, start, end), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new DockerStorageException("cannot parse legacy image JSON " + step.source() + ": " + e.getMessage(),
                    step.source(), e);
        }
        return values;
    }
}
