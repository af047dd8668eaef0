package io.github.drydock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.drydock.archive.Digests;
import io.github.drydock.json.Json;
import io.github.drydock.model.Container;
import io.github.drydock.model.DockerStorageException;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The config of a committed image, made as {@code docker commit} makes it (moby {@code daemon/commit.go},
 * {@code image.NewChildImage}): the image's config with {@code config} and {@code container_config} set to the
 * container's {@code Config} object exactly as stored, {@code container} = the container id, {@code created}
 * = the commit time, {@code author} when given, one more {@code history} entry ({@code created_by} = the
 * container's {@code Cmd} joined by spaces, {@code comment} = the message, {@code empty_layer} when the
 * container changed nothing) and the new diff id appended to {@code rootfs.diff_ids} unless the layer is empty.
 */
final class RepackCommitConfig {
    /** Largest container config file read. */
    static final long MAX_CONTAINER_CONFIG_BYTES = 64L * 1024 * 1024;
    private static final String CONFIG = "Config";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private RepackCommitConfig() {
    }

    /**
     * The container's {@code Config} object as stored in {@code config.v2.json} (or legacy {@code config.json}).
     *
     * @param container the container
     * @return the object
     * @throws DockerStorageException when the file cannot be read or has no {@code Config} object
     */
    static ObjectNode containerConfig(Container container) throws DockerStorageException {
        if (container.source() == null) {
            throw new DockerStorageException("container " + container.shortId() + " has no config file", null);
        }
        byte[] bytes = RepackFiles.read(container.source(), MAX_CONTAINER_CONFIG_BYTES, "container config");
        try {
            JsonNode config = Json.MAPPER.readTree(bytes).path(CONFIG);
            if (!config.isObject()) {
                throw new DockerStorageException("container config " + container.source() + " has no " + CONFIG
                        + " object", container.source());
            }
            return (ObjectNode) config;
        } catch (DockerStorageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DockerStorageException("cannot parse container config " + container.source() + ": "
                    + e.getMessage(), container.source(), e);
        }
    }

    /**
     * @param containerConfig the container's {@code Config}
     * @return {@code strings.Join(Config.Cmd, " ")}
     */
    static String createdBy(JsonNode containerConfig) {
        JsonNode cmd = containerConfig.path("Cmd");
        List<String> parts = new ArrayList<>();
        if (cmd.isTextual()) {
            parts.add(cmd.asText());
        }
        cmd.forEach(part -> parts.add(part.asText("")));
        return String.join(" ", parts);
    }

    /**
     * Builds the committed config.
     *
     * @param imageConfig     the image's config bytes
     * @param containerConfig the container's {@code Config}
     * @param containerId     the container id
     * @param created         the commit time
     * @param author          the author, or null
     * @param comment         the commit message, or null
     * @param diffId          the new layer's diff id, or null when the layer is empty
     * @return the config bytes
     * @throws DockerStorageException when the image config is not a JSON object
     */
    static byte[] build(byte[] imageConfig, ObjectNode containerConfig, String containerId, Instant created,
                        String author, String comment, String diffId) throws DockerStorageException {
        ObjectNode config = parse(imageConfig);
        String time = goTime(created);
        config.set("config", containerConfig.deepCopy());
        config.put("container", containerId);
        config.set("container_config", containerConfig.deepCopy());
        config.put("created", time);
        if (author != null && !author.isEmpty()) {
            config.put("author", author);
        } else {
            config.remove("author");
        }
        ObjectNode step = Json.MAPPER.createObjectNode().put("created", time);
        if (author != null && !author.isEmpty()) {
            step.put("author", author);
        }
        step.put("created_by", createdBy(containerConfig));
        if (comment != null && !comment.isEmpty()) {
            step.put("comment", comment);
        }
        if (diffId == null) {
            step.put("empty_layer", true);
        }
        array(config, "history").add(step);
        if (diffId != null) {
            ObjectNode rootfs = config.path("rootfs").isObject() ? (ObjectNode) config.get("rootfs")
                    : config.putObject("rootfs");
            rootfs.put("type", rootfs.path("type").asText("layers"));
            array(rootfs, "diff_ids").add(Digests.prefixed(diffId));
        }
        try {
            return Json.MAPPER.writeValueAsBytes(config);
        } catch (IOException e) {
            throw new DockerStorageException("cannot write the committed config: " + e.getMessage(), null, e);
        }
    }

    /** Go's {@code time.RFC3339Nano} in UTC: fraction digits without trailing zeros. */
    static String goTime(Instant time) {
        String text = SECONDS.format(time.atOffset(ZoneOffset.UTC));
        if (time.getNano() != 0) {
            text += ("." + String.format("%09d", time.getNano())).replaceAll("0+$", "");
        }
        return text + "Z";
    }

    private static ArrayNode array(ObjectNode parent, String key) {
        return parent.path(key).isArray() ? (ArrayNode) parent.get(key) : parent.putArray(key);
    }

    private static ObjectNode parse(byte[] config) throws DockerStorageException {
        try {
            JsonNode node = Json.MAPPER.readTree(config);
            if (node == null || !node.isObject()) {
                throw new DockerStorageException("the image config is not a JSON object", null);
            }
            return (ObjectNode) node;
        } catch (DockerStorageException e) {
            throw e;
        } catch (IOException e) {
            throw new DockerStorageException("cannot parse the image config: " + e.getMessage(), null, e);
        }
    }
}
