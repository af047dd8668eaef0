package io.github.drydock.cli;

import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import io.github.drydock.model.ShadowedEntry;

import java.util.List;
import java.util.Locale;

/**
 * {@code ls}, {@code ls --deleted} and {@code diff} as pure functions of model records. Names come from
 * the evidence and are made printable ({@link Text#printable}); times are absolute UTC; sizes are exact
 * bytes (a forensic listing must not round); layers are shown by short id.
 */
public final class FileViews {
    private static final String INIT_SUFFIX = "-init";

    private FileViews() {
    }

    /**
     * Renders names one per line, like {@code ls -1}.
     *
     * @param entries   the entries, in order
     * @param fullPaths true to print each entry's view path (recursive listings), else its name
     * @return the lines
     */
    public static String names(List<FileEntry> entries, boolean fullPaths) {
        StringBuilder out = new StringBuilder();
        for (FileEntry entry : entries) {
            out.append(Text.printable(label(entry, fullPaths))).append('\n');
        }
        return out.toString();
    }

    /**
     * Renders the {@code ls -l} table: MODE, UID, GID, SIZE, MODIFIED (UTC), LAYER, NAME; a symlink's
     * NAME ends in {@code -> target}; a device's SIZE is {@code major, minor}.
     *
     * @param entries   the entries, in order
     * @param fullPaths true to print view paths instead of names
     * @return the table
     */
    public static String longTable(List<FileEntry> entries, boolean fullPaths) {
        Table table = new Table("MODE", "UID", "GID", "SIZE", "MODIFIED", "LAYER", "NAME");
        for (FileEntry e : entries) {
            String name = label(e, fullPaths) + (e.type() == FileType.SYMLINK ? " -> " + e.linkTarget() : "");
            table.row(e.modeString(), Long.toString(e.uid()), Long.toString(e.gid()), size(e), Text.time(e.mtime()),
                    layer(e.layerId()), name);
        }
        return table.render();
    }

    /**
     * Renders what upper layers hid: REASON, HIDDEN BY (the layer that deleted or hid it), LAYER (where the
     * bytes still are), MODE, SIZE, MODIFIED, PATH.
     *
     * @param hidden the hidden entries, in order
     * @return the table
     */
    public static String shadowedTable(List<ShadowedEntry> hidden) {
        Table table = new Table("REASON", "HIDDEN BY", "LAYER", "MODE", "SIZE", "MODIFIED", "PATH");
        for (ShadowedEntry s : hidden) {
            FileEntry e = s.entry();
            String path = e.path() + (e.type() == FileType.SYMLINK ? " -> " + e.linkTarget() : "");
            table.row(s.reason().name().toLowerCase(Locale.ROOT), layer(s.hiddenBy()), layer(e.layerId()),
                    e.modeString(), size(e), Text.time(e.mtime()), path);
        }
        return table.render();
    }

    /**
     * Renders diff lines exactly as {@code docker diff} prints them: {@code C /etc}.
     *
     * @param lines the changes, in order
     * @return one line each
     */
    public static String diffLines(List<DiffLine> lines) {
        StringBuilder out = new StringBuilder();
        for (DiffLine line : lines) {
            out.append(line.kind()).append(' ').append(Text.printable(line.path())).append('\n');
        }
        return out.toString();
    }

    /**
     * A layer id as listings show it: the first 12 characters of a 64-hex id, with {@code -init} kept for
     * an init layer; other ids (a volume's name, a legacy id) as they are.
     *
     * @param layerId the id, or null
     * @return the short form, or {@value Text#UNKNOWN}
     */
    public static String layer(String layerId) {
        if (layerId == null || layerId.isEmpty()) {
            return Text.UNKNOWN;
        }
        if (layerId.endsWith(INIT_SUFFIX)) {
            return layer(layerId.substring(0, layerId.length() - INIT_SUFFIX.length())) + INIT_SUFFIX;
        }
        return layerId.matches("[0-9a-f]{64}") ? Text.shortId(layerId) : layerId;
    }

    /**
     * @param entry an entry
     * @return its size in bytes, or {@code major, minor} for a device, as {@code ls -l}
     */
    public static String size(FileEntry entry) {
        if (entry.type() == FileType.CHAR || entry.type() == FileType.BLOCK) {
            return entry.devMajor() + ", " + entry.devMinor();
        }
        return Long.toString(entry.size());
    }

    private static String label(FileEntry entry, boolean fullPaths) {
        return fullPaths || entry.isRoot() ? entry.path() : entry.name();
    }

    /**
     * One line of {@code diff}, in its {@code --json} form.
     *
     * @param kind {@code A}, {@code C} or {@code D}, as {@code docker diff} prints
     * @param path absolute path in the container
     */
    public record DiffLine(String kind, String path) {
        /** Validates both parts. */
        public DiffLine {
            if (kind == null || !List.of("A", "C", "D").contains(kind)) {
                throw new IllegalArgumentException("diff kind must be A, C or D: " + kind);
            }
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("diff path must be absolute: " + path);
            }
        }
    }
}
