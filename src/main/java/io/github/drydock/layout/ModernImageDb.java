package io.github.drydock.layout;

import io.github.drydock.json.ImageConfigV2Json;
import io.github.drydock.json.Json;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code image/<driver>/imagedb/}: the config of every image from {@code content/sha256/<id>},
 * checked against its id (the id IS the sha256 of those bytes), and {@code metadata/sha256/<id>/}
 * ({@code parent}, {@code lastUpdated}). Source: moby/moby {@code daemon/internal/image/fs.go},
 * {@code daemon/internal/image/store.go} (docker-v29.7.2); see spec/docker-modern-layout-and-archives.md §1.2.
 */
final class ModernImageDb {
    private ModernImageDb() {
    }

    /**
     * One image as stored.
     *
     * @param id          the image id (64 hex), the content file's name
     * @param source      the content file
     * @param parts       what its config gives, or null when the config was refused or could not be parsed
     * @param parentId    the {@code parent} metadata (64 hex), or null
     * @param lastUpdated the {@code lastUpdated} metadata, or null
     * @param metadataDir the {@code metadata/sha256/<id>} folder, or null when there is none
     */
    record ImageEntry(String id, Path source, ModernImages.Parts parts, String parentId, Instant lastUpdated,
                      Path metadataDir) {
    }

    /**
     * Reads every image.
     *
     * @param problems where damage goes; called from several threads
     * @param imageDb  the {@code imagedb} folder
     * @param digest   turns each parsed config into what the image needs, on the reading thread
     * @return the images, sorted by id
     */
    static List<ImageEntry> read(ModernProblems problems, Path imageDb, ModernImages digest) {
        Path content = imageDb.resolve(ModernFiles.CONTENT).resolve(ModernFiles.SHA256);
        Path metadata = imageDb.resolve(ModernFiles.METADATA).resolve(ModernFiles.SHA256);
        Set<String> withMetadata = new HashSet<>(RootDetector.subfolders(metadata));
        List<String> ids = fileNames(content).stream().filter(ModernEvidence::isHex64).toList();
        List<ImageEntry> entries = ModernParallel.map(ids, id -> readImage(problems, id, content.resolve(id),
                withMetadata.contains(id) ? metadata.resolve(id) : null, digest));
        return shareParentIds(entries);
    }

    /** Makes each parent id the same string as the parent's own id (thousands of 64-character copies otherwise). */
    private static List<ImageEntry> shareParentIds(List<ImageEntry> entries) {
        Map<String, String> ids = new HashMap<>();
        entries.forEach(e -> ids.put(e.id(), e.id()));
        List<ImageEntry> shared = new ArrayList<>(entries.size());
        for (ImageEntry e : entries) {
            String parent = e.parentId() == null ? null : ids.getOrDefault(e.parentId(), e.parentId());
            shared.add(parent == e.parentId() ? e
                    : new ImageEntry(e.id(), e.source(), e.parts(), parent, e.lastUpdated(), e.metadataDir()));
        }
        return shared;
    }

    /**
     * Reads one image.
     *
     * @param problems    where damage goes
     * @param id          its id
     * @param file        its content file
     * @param metadataDir its metadata folder, or null when it has none
     * @param digest      turns the parsed config into what the image needs
     * @return what was read
     */
    static ImageEntry readImage(ModernProblems problems, String id, Path file, Path metadataDir, ModernImages digest) {
        ModernImages.Parts parts = readConfig(problems, id, file).map(c -> digest.parts(id, file, c)).orElse(null);
        String parent = null;
        Instant lastUpdated = null;
        if (metadataDir != null) {
            parent = readParent(problems, id, metadataDir.resolve(ModernFiles.PARENT)).orElse(null);
            lastUpdated = readLastUpdated(problems, id, metadataDir.resolve(ModernFiles.LAST_UPDATED)).orElse(null);
        }
        return new ImageEntry(id, file, parts, parent, lastUpdated, metadataDir);
    }

    /** Reads and hashes the config in one pass; a mismatch is reported but the config still used. */
    private static Optional<ImageConfigV2Json> readConfig(ModernProblems problems, String id, Path file) {
        String what = "image " + ModernEvidence.shortId(id);
        MessageDigest sha256 = ModernEvidence.sha256();
        byte[] bytes;
        try {
            bytes = ModernEvidence.readHashing(file, ModernFiles.MAX_METADATA_BYTES, sha256);
        } catch (IOException | RuntimeException e) {
            problems.problem(file, "cannot read config of " + what + ": " + ModernEvidence.reason(e));
            return Optional.empty();
        }
        String actual = ModernEvidence.hex(sha256);
        if (!actual.equals(id)) {
            problems.problem(file, what + ": content does not match its id: sha256 is " + actual
                    + " — altered or damaged (" + bytes.length + " bytes)");
        }
        try {
            ImageConfigV2Json config = Json.MAPPER.readValue(bytes, ImageConfigV2Json.class);
            if (config == null) {
                problems.problem(file, "cannot parse config of " + what + ": it is JSON null");
            }
            return Optional.ofNullable(config);
        } catch (IOException | RuntimeException e) {
            problems.problem(file, "cannot parse config of " + what + ": " + ModernEvidence.reason(e));
            return Optional.empty();
        }
    }

    private static Optional<String> readParent(ModernProblems problems, String id, Path file) {
        Optional<String> text = optionalText(problems, id, file);
        if (text.isEmpty() || text.get().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> hex = ModernEvidence.sha256Hex(text.get());
        if (hex.isEmpty()) {
            problems.problem(file, "image " + ModernEvidence.shortId(id) + ": parent '"
                    + ModernLayerDb.abbreviate(text.get()) + "' is not sha256:<64 hex>");
        }
        return hex;
    }

    private static Optional<Instant> readLastUpdated(ModernProblems problems, String id, Path file) {
        Optional<String> text = optionalText(problems, id, file);
        try {
            return text.flatMap(ModernEvidence::time);
        } catch (DateTimeParseException e) {
            problems.problem(file, "image " + ModernEvidence.shortId(id) + ": lastUpdated '"
                    + ModernLayerDb.abbreviate(text.orElse("")) + "' is not an RFC 3339 time");
            return Optional.empty();
        }
    }

    private static Optional<String> optionalText(ModernProblems problems, String id, Path file) {
        try {
            return Optional.of(ModernEvidence.readText(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            problems.problem(file, "cannot read metadata of image " + ModernEvidence.shortId(id) + ": "
                    + ModernEvidence.reason(e));
            return Optional.empty();
        }
    }

    /** Sorted names in a folder (files and anything else); empty when it is missing or unreadable. */
    static List<String> fileNames(Path dir) {
        List<String> names = new ArrayList<>();
        try (java.nio.file.DirectoryStream<Path> entries = java.nio.file.Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        } catch (IOException | RuntimeException e) {
            return names;
        }
        names.sort(null);
        return names;
    }
}
