package io.github.drydock.layout;

import io.github.drydock.json.Json;
import io.github.drydock.json.ReferenceStoreJson;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code image/<driver>/repositories.json}, the 1.10+ reference store, into the tags
 * ({@code name:tag}) and digests ({@code name@sha256:…}) of each image. Source: moby/moby
 * {@code daemon/internal/refstore/store.go} (docker-v29.7.2); see spec/docker-modern-layout-and-archives.md §1.1.
 */
final class ModernReferences {
    private ModernReferences() {
    }

    /**
     * The references pointing at one image, each sorted.
     *
     * @param tags    {@code name:tag}
     * @param digests {@code name@sha256:…}
     */
    record Refs(List<String> tags, List<String> digests) {
        /** No references. */
        static final Refs NONE = new Refs(List.of(), List.of());

        /** Copies defensively. */
        Refs {
            tags = List.copyOf(tags);
            digests = List.copyOf(digests);
        }
    }

    /**
     * Reads the reference store.
     *
     * @param problems where damage goes
     * @param file     {@code repositories.json}
     * @param imageIds the ids of the images in imagedb; a reference to any other id is a problem
     * @return image id → its references; images without any are absent
     */
    static Map<String, Refs> read(ModernProblems problems, Path file, Set<String> imageIds) {
        Optional<ReferenceStoreJson> store = parse(problems, file);
        Map<String, TreeSet<String>> tags = new HashMap<>();
        Map<String, TreeSet<String>> digests = new HashMap<>();
        for (var repository : store.map(ReferenceStoreJson::repositories).orElse(Map.of()).entrySet()) {
            if (repository.getValue() == null) {
                continue;
            }
            for (var ref : repository.getValue().entrySet()) {
                String name = ref.getKey();
                Optional<String> id = ModernEvidence.sha256Hex(ref.getValue() == null ? null : ref.getValue().strip());
                if (id.isEmpty()) {
                    problems.problem(file, "reference " + name + ": target '"
                            + ModernLayerDb.abbreviate(String.valueOf(ref.getValue())) + "' is not sha256:<64 hex>");
                } else if (!imageIds.contains(id.get())) {
                    problems.problem(file, "reference " + name + " points at image " + ModernEvidence.shortId(id.get())
                            + ", which is not in imagedb (deleted or never fully written)");
                } else {
                    (name.contains("@") ? digests : tags).computeIfAbsent(id.get(), k -> new TreeSet<>()).add(name);
                }
            }
        }
        Map<String, Refs> refs = new HashMap<>();
        for (String id : imageIds) {
            if (tags.containsKey(id) || digests.containsKey(id)) {
                refs.put(id, new Refs(new ArrayList<>(tags.getOrDefault(id, new TreeSet<>())),
                        new ArrayList<>(digests.getOrDefault(id, new TreeSet<>()))));
            }
        }
        return refs;
    }

    private static Optional<ReferenceStoreJson> parse(ModernProblems problems, Path file) {
        try {
            byte[] bytes = ModernEvidence.readSmall(file, ModernFiles.MAX_METADATA_BYTES);
            return Optional.ofNullable(Json.MAPPER.readValue(bytes, ReferenceStoreJson.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            problems.problem(file, "cannot read the tag store: " + ModernEvidence.reason(e)
                    + "; images are listed without tags");
            return Optional.empty();
        }
    }
}
