package io.github.drydock.archive;

import java.util.Comparator;
import java.util.List;

/**
 * One member of an archive being written. Names use {@code /}, never start with {@code /} and never hold
 * {@code ..}; a folder's name has no trailing slash (the tar writer adds it).
 */
sealed interface SaveEntry {
    /**
     * The order Docker's archives have: {@code docker save} tars a temp folder with Go's
     * {@code filepath.Walk}, which visits each folder's names sorted by bytes, depth first.
     */
    Comparator<SaveEntry> WALK_ORDER = (a, b) -> compareWalk(a.name(), b.name());

    /** @return the member name */
    String name();

    /** @return the modification time, seconds since the epoch */
    long mtime();

    /** A folder. */
    record Folder(String name, long mtime) implements SaveEntry {
    }

    /** A small file held in memory (JSON, {@code VERSION}, configs). */
    record Bytes(String name, long mtime, byte[] content) implements SaveEntry {
    }

    /** A layer tar, streamed from its source. */
    record LayerTar(String name, long mtime, SaveLayerSource source) implements SaveEntry {
    }

    /** A symlink to another member ({@code docker save} links a repeated layer to its first copy). */
    record Symlink(String name, long mtime, String target) implements SaveEntry {
    }

    private static int compareWalk(String a, String b) {
        List<String> x = List.of(a.split("/"));
        List<String> y = List.of(b.split("/"));
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = LegacyConfigGoJson.KEY_ORDER.compare(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }
}
