package io.github.drydock.layout;

import io.github.drydock.json.Json;
import io.github.drydock.json.LegacyRepositoriesJson;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads every {@code repositories-<driver>} tag store of a legacy root. A tag in any of them counts:
 * a root keeps one file per driver ever used, and an image pulled under aufs stays tagged there
 * after a switch to overlay. A key containing {@code :} is a digest ({@code repo@sha256:…}), never
 * a tag ({@code utils.DigestReference}, v1.9.1). Source: {@code graph/tags.go} (v1.9.1);
 * spec/docker-legacy-layout.md §4.
 */
final class LegacyTagReader {
    private static final char DIGEST_MARK = ':';

    /**
     * The references found.
     *
     * @param tags    image id → sorted {@code repo:tag}
     * @param digests image id → sorted {@code repo@sha256:…}
     */
    record References(Map<String, Set<String>> tags, Map<String, Set<String>> digests) {
        List<String> tagsOf(String id) {
            return List.copyOf(tags.getOrDefault(id, Set.of()));
        }

        List<String> digestsOf(String id) {
            return List.copyOf(digests.getOrDefault(id, Set.of()));
        }
    }

    private LegacyTagReader() {
    }

    /**
     * Reads every tag store.
     *
     * @param context  the opened root
     * @param imageIds the ids present in {@code graph/}: references to others become problems
     * @return the references by image id
     */
    static References read(RootContext context, Set<String> imageIds) {
        References refs = new References(new HashMap<>(), new HashMap<>());
        Set<String> reportedMissing = new HashSet<>();
        for (Path file : storeFiles(context)) {
            String name = file.getFileName().toString();
            Optional<LegacyRepositoriesJson> store = parse(context, file, name);
            if (store.isEmpty() || store.get().repositories() == null) {
                continue;
            }
            for (Map.Entry<String, Map<String, String>> repo : store.get().repositories().entrySet()) {
                if (repo.getValue() == null) {
                    continue;
                }
                for (Map.Entry<String, String> key : repo.getValue().entrySet()) {
                    String id = key.getValue() == null ? null : LegacyGraphReader.stripSha256(key.getValue().trim());
                    if (id == null || id.isEmpty()) {
                        continue;
                    }
                    boolean digest = key.getKey().indexOf(DIGEST_MARK) >= 0;
                    String reference = repo.getKey() + (digest ? "@" : ":") + key.getKey();
                    if (!imageIds.contains(id)) {
                        if (reportedMissing.add(reference + " " + id)) {
                            context.problem(file, (digest ? "digest " : "tag ") + reference + " in " + name
                                    + " points at image " + LegacyGraphReader.abbreviate(id)
                                    + ", which is not in graph/; not listed");
                        }
                        continue;
                    }
                    (digest ? refs.digests() : refs.tags()).computeIfAbsent(id, k -> new TreeSet<>()).add(reference);
                }
            }
        }
        return refs;
    }

    private static Optional<LegacyRepositoriesJson> parse(RootContext context, Path file, String name) {
        Optional<byte[]> bytes = LegacySmallFiles.read(context, file, LegacyFiles.MAX_REPOSITORIES_BYTES,
                "tag store " + name);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            LegacyRepositoriesJson store = Json.MAPPER.readValue(bytes.get(), LegacyRepositoriesJson.class);
            if (store == null) {
                context.problem(file, "cannot parse tag store " + name + ": " + file + ": the JSON is null;"
                        + " its tags are not listed");
            }
            return Optional.ofNullable(store);
        } catch (IOException | RuntimeException e) {
            context.problem(file, "cannot parse tag store " + name + ": " + file + ": "
                    + LegacyGraphReader.describe(e) + "; its tags are not listed");
            return Optional.empty();
        }
    }

    /** The {@code repositories-<driver>} files of the root, sorted by name; symlinks are not followed. */
    private static List<Path> storeFiles(RootContext context) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(context.root(),
                RootDetector.REPOSITORIES_PREFIX + "*")) {
            for (Path entry : entries) {
                if (LegacySmallFiles.isRegularFile(entry)) {
                    files.add(entry);
                } else if (Files.isSymbolicLink(entry)) {
                    context.problem(entry, "tag store " + entry.getFileName() + " is a symlink; not followed,"
                            + " its tags are not listed");
                }
            }
        } catch (IOException | RuntimeException e) {
            context.problem(context.root(), "cannot list the tag stores (repositories-<driver>) of "
                    + context.root() + ": " + e);
        }
        files.sort(null);
        return files;
    }
}
