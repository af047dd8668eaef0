package io.github.drydock.layout;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.drydock.json.Json;
import io.github.drydock.json.V1ImageJson;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads every {@code graph/<id>/} folder once: the image JSON (both shapes), {@code layersize},
 * {@code parent}, {@code checksum}, {@code .migration-diffid}, and which optional files exist.
 * Source: {@code graph/graph.go} restore/loadImage (v1.9.1); spec/docker-legacy-layout.md §3.
 */
final class LegacyGraphReader {
    private static final String SHA256_PREFIX = "sha256:";
    /** Bound once: the per-call type lookup of {@code MAPPER.readValue} adds up over 10k images. */
    private static final ObjectReader IMAGE_READER = Json.MAPPER.readerFor(V1ImageJson.class);

    /**
     * One graph folder as read.
     *
     * @param entry what it records
     * @param json  its JSON, or null when the JSON is missing or unreadable
     */
    record Node(LegacyGraphEntry entry, V1ImageJson json) {
    }

    private final RootContext context;
    private final Map<String, String> claimedIds = new HashMap<>();

    private LegacyGraphReader(RootContext context) {
        this.context = context;
    }

    /**
     * Reads the graph of a root.
     *
     * @param context the opened root; damage becomes problems there
     * @return the nodes by id, sorted by id; empty when there is no readable {@code graph/}
     */
    static Map<String, Node> read(RootContext context) {
        return new LegacyGraphReader(context).readAll();
    }

    private Map<String, Node> readAll() {
        Path graph = context.root().resolve(RootDetector.GRAPH);
        Map<String, Node> nodes = new TreeMap<>();
        if (!Files.exists(graph)) {
            return nodes;
        }
        if (!LegacySmallFiles.isDirectory(graph)) {
            context.problem(graph, "cannot read the image graph: " + graph + " is not a folder (a symlink is not followed)");
            return nodes;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(graph)) {
            for (Path folder : folders) {
                accept(folder).ifPresent(node -> nodes.put(node.entry().id(), node));
            }
        } catch (IOException | RuntimeException e) {
            context.problem(graph, "cannot list the image graph " + graph + ": " + e + "; images read so far are kept");
        }
        reportClaimedIds(nodes);
        return nodes;
    }

    private Optional<Node> accept(Path folder) {
        String name = folder.getFileName().toString();
        if (name.equals(LegacyFiles.GRAPH_TMP)) {
            return Optional.empty();
        }
        if (!LegacySmallFiles.isDirectory(folder)) {
            if (Files.isSymbolicLink(folder)) {
                context.problem(folder, "graph entry " + name + " is a symlink; not followed, image skipped");
            }
            return Optional.empty();
        }
        if (!LegacySmallFiles.isHexId(name)) {
            if (LegacySmallFiles.isRegularFile(folder.resolve(LegacyFiles.JSON))) {
                context.problem(folder, "graph folder " + name + " holds an image JSON but its name is not a"
                        + " 64-hex image id; skipped (Docker 1.3.3+ and the 1.10 migration ignore it too)");
            }
            return Optional.empty();
        }
        return Optional.of(readNode(folder, name));
    }

    private Node readNode(Path folder, String id) {
        Set<String> files = list(folder);
        V1ImageJson json = files.contains(LegacyFiles.JSON) ? readJson(folder.resolve(LegacyFiles.JSON), id) : null;
        if (!files.contains(LegacyFiles.JSON)) {
            context.problem(folder.resolve(LegacyFiles.JSON), "image " + LegacySmallFiles.shortId(id)
                    + " has no JSON in " + folder + "; listed with its layer only (Docker 1.9 skips it)");
        }
        String recordedId = json == null || json.id() == null || json.id().isEmpty() ? null : json.id();
        if (recordedId != null && !recordedId.equals(id)) {
            claimedIds.put(id, recordedId);
            context.problem(folder.resolve(LegacyFiles.JSON), "image " + LegacySmallFiles.shortId(id)
                    + ": its JSON says id " + recordedId + ", not the folder name; the folder name is used"
                    + " (Docker refuses such an image: \"has wrong id\")");
        }
        String parentFile = files.contains(LegacyFiles.PARENT)
                ? text(folder.resolve(LegacyFiles.PARENT), "parent file of image " + LegacySmallFiles.shortId(id))
                : null;
        ParentChoice parent = parent(parentFile, json);
        return new Node(new LegacyGraphEntry(id, folder, recordedId, json != null,
                json != null && json.contentAddressed(), parent.id(), parent.source(),
                layerSize(folder, files, id), optionalText(folder, files, LegacyFiles.CHECKSUM, id),
                json == null ? null : emptyToNull(json.layerId()), diffId(folder, files, id),
                regularFile(folder, files, LegacyFiles.TAR_DATA), regularFile(folder, files, LegacyFiles.V1_COMPATIBILITY)),
                json);
    }

    private record ParentChoice(String id, LegacyGraphEntry.ParentSource source) {
    }

    /** Docker 1.9's rule: the {@code parent} file, else JSON {@code parent}, else the hex of {@code parent_id}. */
    private static ParentChoice parent(String parentFile, V1ImageJson json) {
        if (parentFile != null && !parentFile.isEmpty()) {
            return new ParentChoice(parentFile, LegacyGraphEntry.ParentSource.PARENT_FILE);
        }
        if (json != null && json.parent() != null && !json.parent().isEmpty()) {
            return new ParentChoice(json.parent(), LegacyGraphEntry.ParentSource.JSON_PARENT);
        }
        if (json != null && json.parentId() != null && !json.parentId().isEmpty()) {
            return new ParentChoice(stripSha256(json.parentId()), LegacyGraphEntry.ParentSource.JSON_PARENT_ID);
        }
        return new ParentChoice(null, null);
    }

    private V1ImageJson readJson(Path file, String id) {
        String what = "image JSON of " + LegacySmallFiles.shortId(id);
        Optional<byte[]> bytes = LegacySmallFiles.read(context, file, LegacyFiles.MAX_JSON_BYTES, what);
        if (bytes.isEmpty()) {
            return null;
        }
        try {
            V1ImageJson json = IMAGE_READER.readValue(bytes.get());
            if (json == null) {
                context.problem(file, "cannot parse " + what + ": " + file + ": the JSON is null");
            }
            return json;
        } catch (IOException | RuntimeException e) {
            context.problem(file, "cannot parse " + what + ": " + file + ": " + describe(e)
                    + "; the image is listed with its layer only");
            return null;
        }
    }

    private long layerSize(Path folder, Set<String> files, String id) {
        Path file = folder.resolve(LegacyFiles.LAYER_SIZE);
        if (!files.contains(LegacyFiles.LAYER_SIZE)) {
            context.problem(file, "image " + LegacySmallFiles.shortId(id) + " has no layersize in " + folder
                    + "; the layer's own size is computed from its folder where possible");
            return -1;
        }
        String text = text(file, "layersize of image " + LegacySmallFiles.shortId(id));
        if (text == null) {
            return -1;
        }
        try {
            long size = Long.parseLong(text);
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below, like a negative size
        }
        context.problem(file, "image " + LegacySmallFiles.shortId(id) + ": layersize \"" + abbreviate(text)
                + "\" is not a size in bytes; the layer's own size is computed from its folder where possible");
        return -1;
    }

    private String diffId(Path folder, Set<String> files, String id) {
        String text = optionalText(folder, files, LegacyFiles.MIGRATION_DIFF_ID, id);
        if (text == null) {
            return null;
        }
        String hex = stripSha256(text);
        if (!LegacySmallFiles.isHexId(hex)) {
            context.problem(folder.resolve(LegacyFiles.MIGRATION_DIFF_ID), "image " + LegacySmallFiles.shortId(id)
                    + ": cached diff id \"" + abbreviate(text) + "\" is not sha256:<64 hex>; ignored");
            return null;
        }
        return hex;
    }

    private String optionalText(Path folder, Set<String> files, String name, String id) {
        if (!files.contains(name)) {
            return null;
        }
        String text = text(folder.resolve(name), name + " of image " + LegacySmallFiles.shortId(id));
        return text == null || text.isEmpty() ? null : text;
    }

    private String text(Path file, String what) {
        return LegacySmallFiles.readText(context, file, LegacyFiles.MAX_SMALL_FILE_BYTES, what).orElse(null);
    }

    private static Path regularFile(Path folder, Set<String> files, String name) {
        Path file = folder.resolve(name);
        return files.contains(name) && LegacySmallFiles.isRegularFile(file) ? file : null;
    }

    /** Lists a graph folder once, so absent optional files cost no further system call. */
    private Set<String> list(Path folder) {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        } catch (IOException | RuntimeException e) {
            context.problem(folder, "cannot list graph folder " + folder + ": " + e);
        }
        return names;
    }

    /** A JSON id that another folder also carries is a duplicate: say which folders claim it. */
    private void reportClaimedIds(Map<String, Node> nodes) {
        for (Map.Entry<String, String> claim : claimedIds.entrySet()) {
            if (nodes.containsKey(claim.getValue())) {
                context.problem(nodes.get(claim.getKey()).entry().json(), "duplicate image id " + claim.getValue()
                        + ": claimed by the JSON in graph/" + claim.getKey() + " and by the folder graph/"
                        + claim.getValue() + "; both are listed under their folder names");
            }
        }
    }

    static String stripSha256(String digest) {
        return digest.startsWith(SHA256_PREFIX) ? digest.substring(SHA256_PREFIX.length()) : digest;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    /** Jackson's message without its echo of the input, plus where in the file it failed. */
    static String describe(Exception e) {
        if (e instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            return json.getOriginalMessage() + where;
        }
        return String.valueOf(e.getMessage());
    }
}
