package io.github.drydock.driver;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.LayerKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * overlay2 (and fuse-overlayfs, same layout): {@code <id>/diff} holds the layer's own files,
 * {@code <id>/link} its short name, {@code l/<short>} a symlink {@code ../<id>/diff}, and
 * {@code <id>/lower} the colon-separated {@code l/<short>} of its ancestors, nearest first.
 *
 * @param driver {@code overlay2} or {@code fuse-overlayfs}
 * @param home   the driver home
 */
public record ModernOverlay2Paths(String driver, Path home) implements ModernDriverPaths {
    /** The folder of short-name symlinks. */
    public static final String LINK_DIR = "l";
    /** The file holding a layer's short name. */
    public static final String LINK = "link";
    /** The file listing a layer's ancestors as {@code l/<short>}, nearest first. */
    public static final String LOWER = "lower";
    /** The folder with a layer's own files (the overlay upper dir). */
    public static final String DIFF = "diff";
    /** The overlay work dir, only for layers with a parent. */
    public static final String WORK = "work";
    /** The mount point; removed on unmount. */
    public static final String MERGED = "merged";
    /** overlay2's maximum number of lower layers ({@code maxDepth}). */
    public static final int MAX_DEPTH = 128;
    private static final Pattern SHORT_NAME = Pattern.compile("[A-Za-z0-9]{1,64}");

    /** Validates the components. */
    public ModernOverlay2Paths {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(home, "home");
    }

    @Override
    public LayerKind imageLayerKind() {
        return LayerKind.DIFF;
    }

    @Override
    public LayerKind containerLayerKind() {
        return LayerKind.DIFF;
    }

    @Override
    public Optional<Path> layerDir(String cacheId) {
        return ModernDriverIds.under(home, cacheId, DIFF);
    }

    @Override
    public Optional<Path> containerDir(String mountId) {
        return ModernDriverIds.under(home, mountId, DIFF);
    }

    /**
     * @param id a cache id or mount id
     * @return the driver folder of that id ({@code home/<id>}), or empty for an unsafe id
     */
    public Optional<Path> idDir(String id) {
        return ModernDriverIds.under(home, id);
    }

    /**
     * @param shortName a name read from a {@code link} or {@code lower} file
     * @return the symlink {@code home/l/<shortName>}, or empty when the name is malformed
     */
    public Optional<Path> shortLink(String shortName) {
        return SHORT_NAME.matcher(shortName).matches()
                ? Optional.of(home.resolve(LINK_DIR).resolve(shortName)) : Optional.empty();
    }

    /**
     * The cache id a resolved short link stands for.
     *
     * @param target the resolved target of {@code l/<short>}
     * @return the id when the target is {@code home/<id>/diff}, else empty
     */
    public Optional<String> idOfDiffDir(Path target) {
        Path normal = target.normalize();
        Path idDir = normal.getParent();
        if (idDir == null || !DIFF.equals(String.valueOf(normal.getFileName()))
                || !home.equals(idDir.getParent())) {
            return Optional.empty();
        }
        String id = idDir.getFileName().toString();
        return ModernDriverIds.isDriverId(id) ? Optional.of(id) : Optional.empty();
    }

    /**
     * Parses a {@code lower} file.
     *
     * @param content the file's text
     * @param file    the file, for the error
     * @return the short names, nearest ancestor first
     * @throws DockerStorageException when the text is not {@code l/<short>[:l/<short>...]}
     */
    public static List<String> parseLower(String content, Path file) throws DockerStorageException {
        String text = content.strip();
        List<String> names = new ArrayList<>();
        String[] entries = text.isEmpty() ? new String[0] : text.split(":", -1);
        if (entries.length == 0 || entries.length > MAX_DEPTH) {
            throw new DockerStorageException("lower file lists " + entries.length + " layers; expected 1 to "
                    + MAX_DEPTH, file);
        }
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            String prefix = LINK_DIR + "/";
            if (!entry.startsWith(prefix) || !SHORT_NAME.matcher(entry.substring(prefix.length())).matches()) {
                throw new DockerStorageException("lower entry " + (i + 1) + " '" + abbreviate(entry)
                        + "' is not l/<short name>", file);
            }
            names.add(entry.substring(prefix.length()));
        }
        return names;
    }

    /** Shortens evidence text for a message and masks control characters, which could forge lines. */
    private static String abbreviate(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        StringBuilder clean = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.toString();
    }
}
