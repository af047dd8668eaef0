package io.github.drydock.layout;

import io.github.drydock.json.ImageConfigJson;
import io.github.drydock.json.V1ImageJson;
import io.github.drydock.model.ContainerConfig;
import io.github.drydock.model.HistoryEntry;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns a legacy image JSON into model values: Go times, the run-time config, the history step.
 * Pure functions; a bad time becomes a problem and null.
 */
final class LegacyImageMapper {
    /** Go's zero {@code time.Time}, written for times never set. */

    private LegacyImageMapper() {
    }

    /**
     * Parses a Go RFC 3339 time with up to nine fraction digits and any offset.
     *
     * @param context where a bad value is reported
     * @param file    the file it came from
     * @param text    the value, or null
     * @return the instant; null for a missing, zero or unparsable time
     */
    static Instant time(RootContext context, Path file, String text) {
        try {
            return DockerTime.parse(text).orElse(null);
        } catch (DateTimeParseException e) {
            context.problem(file, "cannot parse time \"" + LegacyGraphReader.abbreviate(text) + "\" in " + file
                    + ": not an RFC 3339 time; shown as unknown");
            return null;
        }
    }

    /**
     * @param json the image's {@code config}, or null
     * @return the model config; empty for null
     */
    static ContainerConfig config(ImageConfigJson json) {
        if (json == null) {
            return ContainerConfig.EMPTY;
        }
        return new ContainerConfig(blankToNull(json.user()), noNulls(json.env()), noNulls(json.cmd()),
                noNulls(json.entrypoint()), blankToNull(json.workingDir()), sortedKeys(json.exposedPorts()),
                sortedKeys(json.volumes()), labels(json.labels()), blankToNull(json.hostname()));
    }

    /**
     * One {@code docker history} row of a legacy layer.
     *
     * @param id      the image id
     * @param json    its JSON, or null when lost
     * @param created its parsed creation time
     * @param size    its own size, -1 when unknown
     * @return the step; {@code createdBy} is the build container's {@code Cmd} joined by spaces, as Docker shows it
     */
    static HistoryEntry history(String id, V1ImageJson json, Instant created, long size) {
        ImageConfigJson step = json == null ? null : json.containerConfig();
        String createdBy = step == null || step.cmd() == null ? "" : String.join(" ", noNulls(step.cmd()));
        return new HistoryEntry(id, created, createdBy, json == null ? null : blankToNull(json.comment()),
                json == null ? null : blankToNull(json.author()), size == 0, size);
    }

    /**
     * The model image of one graph entry.
     *
     * @param entry       the graph entry
     * @param json        its JSON, or null when lost
     * @param created     its parsed creation time
     * @param size        its own layer size, -1 unknown
     * @param virtualSize the sum of own sizes from the base up, -1 unknown
     * @param tags        its {@code repo:tag} references
     * @param digests     its {@code repo@sha256:…} references
     * @param driver      the driver holding its layer
     * @param history     one step per image of its chain, base first
     * @param layers      one layer per image of its chain, base first
     * @return the image
     */
    static Image image(LegacyGraphEntry entry, V1ImageJson json, Instant created, long size, long virtualSize,
                       List<String> tags, List<String> digests, String driver, List<HistoryEntry> history,
                       List<Layer> layers) {
        boolean lost = json == null;
        return new Image(entry.id(), tags, digests, entry.parentId(), created, size, virtualSize,
                lost ? null : blankToNull(json.architecture()), lost ? null : blankToNull(json.os()),
                lost ? null : blankToNull(json.author()), lost ? null : blankToNull(json.comment()),
                lost ? null : blankToNull(json.dockerVersion()), config(lost ? null : json.config()), history, layers,
                driver, entry.json());
    }

    static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static List<String> noNulls(List<String> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }

    private static List<String> sortedKeys(Map<String, ?> map) {
        return map == null ? List.of() : map.keySet().stream().filter(Objects::nonNull).sorted().toList();
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        Map<String, String> clean = new TreeMap<>();
        if (labels != null) {
            labels.forEach((k, v) -> {
                if (k != null && v != null) {
                    clean.put(k, v);
                }
            });
        }
        return clean;
    }
}
