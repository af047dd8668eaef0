package io.github.drydock.layout;

import io.github.drydock.driver.ModernDriverIds;
import io.github.drydock.model.LayerFolderKind;
import io.github.drydock.model.OrphanReason;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lists the garbage of the image metadata stores that belongs to layers (see {@link LayerInventory}):
 * {@code image/<driver>/layerdb/sha256/<chain id>-removing} (a layer Docker began to delete; its
 * {@code cache-id} names the driver folder that goes with it), {@code image/<driver>/layerdb/tmp/*}
 * (write sets of an interrupted pull or build) and the legacy {@code graph/_tmp/*} (in-flight image
 * registrations). Source: moby/moby {@code daemon/internal/layer/filestore.go} (docker-v29.7.2),
 * {@code graph/graph.go} (v1.9.1); spec/docker-modern-layout-and-archives.md §1.3,
 * spec/docker-legacy-layout.md §3.
 */
final class LayerInventoryStores {
    /** The driver name given to entries of the legacy image store. */
    static final String GRAPH_STORE = RootDetector.GRAPH;

    private final RootContext context;
    private final List<LayerInventory.Found> found = new ArrayList<>();
    private final Set<String> removingCacheIds = new HashSet<>();

    LayerInventoryStores(RootContext context) {
        this.context = context;
    }

    /** @return every entry found */
    List<LayerInventory.Found> found() {
        return found;
    }

    /** @return {@code <driver>/<cache id>} of every layer whose layerdb entry is being removed */
    Set<String> removingCacheIds() {
        return removingCacheIds;
    }

    /** Lists {@code image/<driver>/layerdb} of every driver tree and the legacy {@code graph/_tmp}. */
    void scan() {
        Path image = context.root().resolve(RootDetector.IMAGE);
        for (String driver : RootDetector.subfolders(image)) {
            Path layerDb = image.resolve(driver).resolve(ModernFiles.LAYERDB);
            if (!Files.isDirectory(image.resolve(driver), LinkOption.NOFOLLOW_LINKS)
                    || !Files.isDirectory(layerDb, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Path sha256 = layerDb.resolve(ModernFiles.SHA256);
            for (String name : RootDetector.subfolders(sha256)) {
                if (name.endsWith(ModernFiles.REMOVING_SUFFIX)) {
                    Path dir = sha256.resolve(name);
                    add(driver, dir, OrphanReason.REMOVING);
                    cacheId(driver, dir).ifPresent(id -> removingCacheIds.add(driver + "/" + id));
                }
            }
            temporary(driver, layerDb.resolve(ModernFiles.TMP));
        }
        Path graph = context.root().resolve(RootDetector.GRAPH);
        if (Files.isDirectory(graph, LinkOption.NOFOLLOW_LINKS)) {
            temporary(GRAPH_STORE, graph.resolve(LayerInventory.GRAPH_TMP));
        }
    }

    /** Every entry of a temporary folder is one item (the folder itself is Docker's own, always there). */
    private void temporary(String driver, Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entries::add);
        } catch (IOException | RuntimeException e) {
            context.problem(folder, "cannot list temporary folder " + folder + ": " + MetadataFile.describe(e));
        }
        entries.sort(null);
        entries.forEach(entry -> add(driver, entry, OrphanReason.TEMPORARY));
    }

    private void add(String driver, Path entry, OrphanReason reason) {
        Path content = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? entry : null;
        found.add(new LayerInventory.Found(driver, entry.getFileName().toString(), entry, List.of(), content,
                LayerFolderKind.METADATA, -1, reason));
    }

    /** The {@code cache-id} of a half-removed layer, when present and a safe folder name. */
    private Optional<String> cacheId(String driver, Path dir) {
        Path file = dir.resolve(ModernFiles.CACHE_ID);
        try {
            String id = ModernEvidence.readText(file);
            if (ModernDriverIds.isDriverId(id)) {
                return Optional.of(id);
            }
            context.problem(file, "half-removed " + driver + " layer " + dir.getFileName() + ": cache id is not a"
                    + " plain folder name: not followed");
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            context.problem(file, "cannot read the cache id of half-removed " + driver + " layer " + dir.getFileName()
                    + ": " + file + ": " + MetadataFile.describe(e));
        }
        return Optional.empty();
    }
}
