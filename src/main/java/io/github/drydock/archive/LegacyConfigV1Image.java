package io.github.drydock.archive;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Re-encodes image JSON the way Docker's Go structs do when it decodes and re-marshals it: moby
 * {@code image.V1Image} with {@code container.Config} (and {@code HealthConfig}). Keys are matched as
 * Go's decoder matches them (exact name first, else case-insensitively, the last occurrence wins),
 * unknown keys are dropped, absent fields get Go's zero value, {@code omitempty} fields are left out, and
 * fields come in struct order. Two versions of the structs matter: Docker 1.10's (the 1.10 migration and
 * legacy {@code docker load}) and Docker 20.10's (the v1 {@code json} files of {@code docker save}).
 *
 * <p>Values of the wrong JSON type, which would make Go fail, are treated as absent: the output is then
 * the best possible guess rather than an error.
 */
final class LegacyConfigV1Image {
    /** Which Docker's structs to imitate. */
    enum Schema { DOCKER_1_10, DOCKER_20_10 }

    private enum Kind { STRING, BOOL, INT, TIME, LIST, STRSLICE, STRSLICE_PTR, SET, MAP, CONFIG, CONFIG_PTR, HEALTH_PTR, INT_PTR, IGNORED }

    private record Field(String name, Kind kind, boolean omitEmpty) {
    }

    private static final List<Field> V1_IMAGE_1_10 = List.of(f("id", Kind.STRING, true), f("parent", Kind.STRING, true),
            f("comment", Kind.STRING, true), f("created", Kind.TIME, false), f("container", Kind.STRING, true),
            f("container_config", Kind.CONFIG, false), f("docker_version", Kind.STRING, true),
            f("author", Kind.STRING, true), f("config", Kind.CONFIG_PTR, true), f("architecture", Kind.STRING, true),
            f("os", Kind.STRING, true), f("Size", Kind.INT, true));
    private static final List<Field> V1_IMAGE_20_10 = insertAfter(V1_IMAGE_1_10, "architecture", f("variant", Kind.STRING, true));
    /** {@code image.Image}: V1Image (its {@code parent} shadowed) plus the outer fields, which are ignored here. */
    private static final List<Field> IMAGE_20_10 = imageFields();
    private static final List<Field> CONFIG_1_10 = List.of(f("Hostname", Kind.STRING, false), f("Domainname", Kind.STRING, false),
            f("User", Kind.STRING, false), f("AttachStdin", Kind.BOOL, false), f("AttachStdout", Kind.BOOL, false),
            f("AttachStderr", Kind.BOOL, false), f("ExposedPorts", Kind.SET, true), f("PublishService", Kind.STRING, true),
            f("Tty", Kind.BOOL, false), f("OpenStdin", Kind.BOOL, false), f("StdinOnce", Kind.BOOL, false),
            f("Env", Kind.LIST, false), f("Cmd", Kind.STRSLICE_PTR, false), f("ArgsEscaped", Kind.BOOL, true),
            f("Image", Kind.STRING, false), f("Volumes", Kind.SET, false), f("WorkingDir", Kind.STRING, false),
            f("Entrypoint", Kind.STRSLICE_PTR, false), f("NetworkDisabled", Kind.BOOL, true),
            f("MacAddress", Kind.STRING, true), f("OnBuild", Kind.LIST, false), f("Labels", Kind.MAP, false),
            f("StopSignal", Kind.STRING, true));
    private static final List<Field> CONFIG_20_10 = List.of(f("Hostname", Kind.STRING, false), f("Domainname", Kind.STRING, false),
            f("User", Kind.STRING, false), f("AttachStdin", Kind.BOOL, false), f("AttachStdout", Kind.BOOL, false),
            f("AttachStderr", Kind.BOOL, false), f("ExposedPorts", Kind.SET, true), f("Tty", Kind.BOOL, false),
            f("OpenStdin", Kind.BOOL, false), f("StdinOnce", Kind.BOOL, false), f("Env", Kind.LIST, false),
            f("Cmd", Kind.STRSLICE, false), f("Healthcheck", Kind.HEALTH_PTR, true), f("ArgsEscaped", Kind.BOOL, true),
            f("Image", Kind.STRING, false), f("Volumes", Kind.SET, false), f("WorkingDir", Kind.STRING, false),
            f("Entrypoint", Kind.STRSLICE, false), f("NetworkDisabled", Kind.BOOL, true), f("MacAddress", Kind.STRING, true),
            f("OnBuild", Kind.LIST, false), f("Labels", Kind.MAP, false), f("StopSignal", Kind.STRING, true),
            f("StopTimeout", Kind.INT_PTR, true), f("Shell", Kind.STRSLICE, true));
    private static final List<Field> HEALTH_20_10 = List.of(f("Test", Kind.LIST, true), f("Interval", Kind.INT, true),
            f("Timeout", Kind.INT, true), f("StartPeriod", Kind.INT, true), f("Retries", Kind.INT, true));

    private final Schema schema;

    private LegacyConfigV1Image(Schema schema) {
        this.schema = schema;
    }

    /**
     * Decodes an image JSON object as Docker's {@code V1Image} (or, with {@code asImage}, as the
     * {@code V1Image} embedded in an {@code image.Image} config) and re-encodes it.
     *
     * @param object  the JSON object (a missing node gives the zero struct)
     * @param schema  whose structs
     * @param asImage true to decode a modern config ({@code image.Image}); its {@code parent} and other
     *                outer keys are then not V1Image fields
     * @return the encoded fields in struct order, {@code omitempty} applied: JSON key → encoded value
     */
    static LinkedHashMap<String, String> fields(JsonNode object, Schema schema, boolean asImage) {
        LegacyConfigV1Image encoder = new LegacyConfigV1Image(schema);
        List<Field> fields = asImage ? IMAGE_20_10 : schema == Schema.DOCKER_1_10 ? V1_IMAGE_1_10 : V1_IMAGE_20_10;
        return encoder.encodeFields(object, fields);
    }

    /**
     * The command a v1 image's container ran, as {@code strings.Join(ContainerConfig.Cmd, " ")} (1.10).
     *
     * @param object a v1 image JSON object
     * @return the joined command, empty when there is none
     */
    static String containerCommand(JsonNode object) {
        JsonNode config = resolve(object, V1_IMAGE_1_10).get("container_config");
        JsonNode cmd = config == null || !config.isObject() ? null : resolve(config, CONFIG_1_10).get("Cmd");
        List<String> parts = cmd == null ? null : strSlice(cmd);
        return parts == null ? "" : String.join(" ", parts);
    }

    /**
     * @param object a JSON object
     * @param name   a top-level V1Image key (1.10 structs)
     * @return the value Go would decode into that field, or null
     */
    static JsonNode v1Field(JsonNode object, String name) {
        return resolve(object, V1_IMAGE_1_10).get(name);
    }

    private LinkedHashMap<String, String> encodeFields(JsonNode object, List<Field> fields) {
        Map<String, JsonNode> values = object != null && object.isObject() ? resolve(object, fields) : Map.of();
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        for (Field field : fields) {
            if (field.kind() == Kind.IGNORED) {
                continue;
            }
            String encoded = encode(field.kind(), values.get(field.name()));
            if (encoded != null && !(field.omitEmpty() && isEmpty(field.kind(), encoded))) {
                out.put(field.name(), encoded);
            }
        }
        return out;
    }

    /** Go's decoder: each key goes to the field with that exact name, else the first case-insensitive match. */
    private static Map<String, JsonNode> resolve(JsonNode object, List<Field> fields) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Field target = null;
            for (Field field : fields) {
                if (field.name().equals(entry.getKey())) {
                    target = field;
                    break;
                }
                if (target == null && field.name().equalsIgnoreCase(entry.getKey())) {
                    target = field;
                }
            }
            if (target != null) {
                values.put(target.name(), entry.getValue());
            }
        }
        return values;
    }

    private String encode(Kind kind, JsonNode value) {
        return switch (kind) {
            case STRING -> LegacyConfigGoJson.string(value != null && value.isTextual() ? value.asText() : "");
            case BOOL -> String.valueOf(value != null && value.isBoolean() && value.booleanValue());
            case INT -> value != null && value.isIntegralNumber() ? value.asText() : "0";
            case INT_PTR -> value != null && value.isIntegralNumber() ? value.asText() : null;
            case TIME -> "\"" + (value != null && value.isTextual()
                    ? LegacyConfigGoJson.time(value.asText()).orElse(LegacyConfigGoJson.ZERO_TIME)
                    : LegacyConfigGoJson.ZERO_TIME) + "\"";
            case LIST -> list(value != null && value.isArray() ? strings(value) : null);
            case STRSLICE -> list(value == null ? null : strSlice(value));
            case STRSLICE_PTR -> list(value == null ? null : strSlice(value));
            case SET -> set(value);
            case MAP -> map(value);
            case CONFIG -> struct(value, configFields());
            case CONFIG_PTR -> value != null && value.isObject() ? struct(value, configFields()) : null;
            case HEALTH_PTR -> value != null && value.isObject() ? struct(value, HEALTH_20_10) : null;
            case IGNORED -> null;
        };
    }

    private List<Field> configFields() {
        return schema == Schema.DOCKER_1_10 ? CONFIG_1_10 : CONFIG_20_10;
    }

    private String struct(JsonNode value, List<Field> fields) {
        StringBuilder out = new StringBuilder("{");
        encodeFields(value, fields).forEach((key, encoded) ->
                out.append(out.length() > 1 ? "," : "").append('"').append(key).append("\":").append(encoded));
        return out.append('}').toString();
    }

    private static boolean isEmpty(Kind kind, String encoded) {
        return switch (kind) {
            case STRING -> encoded.equals("\"\"");
            case BOOL -> encoded.equals("false");
            case INT -> encoded.equals("0");
            case LIST, STRSLICE, SET, MAP -> encoded.equals("null") || encoded.equals("[]") || encoded.equals("{}");
            default -> false;
        };
    }

    /** strslice: an array of strings, or one string; null stays nil. */
    private static List<String> strSlice(JsonNode value) {
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        return value.isArray() ? strings(value) : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(element -> out.add(element.isTextual() ? element.asText() : ""));
        return out;
    }

    private static String list(List<String> values) {
        if (values == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("[");
        for (String value : values) {
            out.append(out.length() > 1 ? "," : "").append(LegacyConfigGoJson.string(value));
        }
        return out.append(']').toString();
    }

    private static String set(JsonNode value) {
        if (value == null || !value.isObject()) {
            return "null";
        }
        TreeMap<String, String> sorted = new TreeMap<>(LegacyConfigGoJson.KEY_ORDER);
        value.fieldNames().forEachRemaining(key -> sorted.put(key, "{}"));
        return object(sorted);
    }

    private static String map(JsonNode value) {
        if (value == null || !value.isObject()) {
            return "null";
        }
        TreeMap<String, String> sorted = new TreeMap<>(LegacyConfigGoJson.KEY_ORDER);
        value.fields().forEachRemaining(e -> sorted.put(e.getKey(),
                LegacyConfigGoJson.string(e.getValue().isTextual() ? e.getValue().asText() : "")));
        return object(sorted);
    }

    /**
     * @param encoded keys → encoded values, in output order
     * @return a JSON object
     */
    static String object(Map<String, String> encoded) {
        StringBuilder out = new StringBuilder("{");
        encoded.forEach((key, value) -> out.append(out.length() > 1 ? "," : "")
                .append(LegacyConfigGoJson.string(key)).append(':').append(value));
        return out.append('}').toString();
    }

    private static List<Field> imageFields() {
        List<Field> fields = new ArrayList<>(V1_IMAGE_20_10);
        fields.removeIf(f -> f.name().equals("parent"));
        for (String outer : List.of("parent", "rootfs", "history", "os.version", "os.features")) {
            fields.add(f(outer, Kind.IGNORED, true));
        }
        return List.copyOf(fields);
    }

    private static List<Field> insertAfter(List<Field> fields, String after, Field field) {
        List<Field> out = new ArrayList<>();
        for (Field existing : fields) {
            out.add(existing);
            if (existing.name().equals(after)) {
                out.add(field);
            }
        }
        return List.copyOf(out);
    }

    private static Field f(String name, Kind kind, boolean omitEmpty) {
        return new Field(name, kind, omitEmpty);
    }
}
