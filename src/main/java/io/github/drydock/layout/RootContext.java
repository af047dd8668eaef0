package io.github.drydock.layout;

import io.github.drydock.model.Problem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What every reader of one opened root shares: the root folder, the folder the disk was mounted at
 * (when the user opened a folder above the root), the problem sink, and the rebasing of absolute
 * host paths recorded inside the root onto the folder the user opened.
 *
 * <p>Not thread-safe: one context belongs to one {@code DockerRoot.open} call.
 */
public final class RootContext {
    /** Where Docker keeps its root by default; the first guess for recorded paths. */
    public static final String DEFAULT_ROOT = "/var/lib/docker";

    private final Path root;
    private final Path filesystemRoot;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> originalRoots = new LinkedHashSet<>();

    /**
     * @param root           the Docker root on the opened disk (absolute, normalised)
     * @param filesystemRoot the folder that stands for the host's {@code /}, or null when unknown
     */
    public RootContext(Path root, Path filesystemRoot) {
        this.root = root.toAbsolutePath().normalize();
        this.filesystemRoot = filesystemRoot == null ? null : filesystemRoot.toAbsolutePath().normalize();
        originalRoots.add(DEFAULT_ROOT);
    }

    /** @return the Docker root on the opened disk */
    public Path root() {
        return root;
    }

    /** @return the folder standing for the host's {@code /}, when the user opened a disk image mount */
    public Optional<Path> filesystemRoot() {
        return Optional.ofNullable(filesystemRoot);
    }

    /**
     * Records damage to one item; reading goes on.
     *
     * @param path    the damaged file
     * @param message what is wrong with it
     */
    public void problem(Path path, String message) {
        problems.add(new Problem(String.valueOf(path), message));
    }

    /** @return every problem recorded so far, in order */
    public List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }

    /**
     * Learns the root's original location from a recorded absolute path whose place inside the root
     * is known, e.g. a {@code LogPath} {@code /srv/docker/containers/<id>/<id>-json.log} recorded in
     * {@code containers/<id>/config.json} teaches {@code /srv/docker}.
     *
     * @param recorded       the absolute path as recorded
     * @param relativeInRoot where that file is, relative to the root (e.g. {@code containers/<id>/<id>-json.log})
     */
    public void learnOriginalRoot(String recorded, String relativeInRoot) {
        if (recorded == null || !recorded.startsWith("/") || relativeInRoot == null || relativeInRoot.isEmpty()) {
            return;
        }
        String suffix = "/" + relativeInRoot;
        if (recorded.endsWith(suffix) && recorded.length() > suffix.length()) {
            originalRoots.add(recorded.substring(0, recorded.length() - suffix.length()));
        }
    }

    /**
     * Maps an absolute path recorded in the root onto the opened disk. A path under one of the
     * root's original locations maps under {@link #root()}; any other absolute path maps under the
     * filesystem root when the user opened a disk mount; otherwise nothing. The result is always
     * inside the opened folder: {@code ..} segments that would climb out yield empty.
     *
     * @param recorded an absolute path as the daemon recorded it
     * @return the path on the opened disk, or empty when it cannot be reached from what was opened
     */
    public Optional<Path> rebase(String recorded) {
        if (recorded == null || !recorded.startsWith("/")) {
            return Optional.empty();
        }
        String best = null;
        for (String original : originalRoots) {
            if ((recorded.equals(original) || recorded.startsWith(original + "/"))
                    && (best == null || original.length() > best.length())) {
                best = original;
            }
        }
        if (best != null) {
            return inside(root, recorded.substring(best.length()));
        }
        if (filesystemRoot != null) {
            return inside(filesystemRoot, recorded);
        }
        return Optional.empty();
    }

    /**
     * Resolves a relative path under a base without ever leaving it lexically.
     *
     * @param base     the folder to stay in
     * @param relative a path with {@code /} separators; leading slashes are ignored
     * @return the resolved path, or empty when {@code ..} would climb out of {@code base}
     */
    public static Optional<Path> inside(Path base, String relative) {
        Path resolved = base;
        for (String part : relative.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (resolved.equals(base)) {
                    return Optional.empty();
                }
                resolved = resolved.getParent();
            } else {
                resolved = resolved.resolve(part);
            }
        }
        return Optional.of(resolved);
    }

    /**
     * Follows a symlink stored in the root (e.g. {@code volumes/<id>/_data} or {@code overlay2/l/<link>})
     * one hop, rebasing an absolute target and refusing any target outside the root.
     *
     * @param link a path under the root
     * @return the link itself when it is no symlink; its rebased target when that stays inside the root;
     *         empty when it points outside the root or cannot be read
     */
    public Optional<Path> followInsideRoot(Path link) {
        return followInsideRoot(link, Files::isSymbolicLink);
    }

    /**
     * {@link #followInsideRoot(Path)} with the symlink test supplied (a reader that already knows what
     * the paths are need not ask the disk again).
     *
     * @param link           a path under the root
     * @param isSymbolicLink tells whether a path is a symlink, without following it
     * @return as {@link #followInsideRoot(Path)}
     */
    Optional<Path> followInsideRoot(Path link, java.util.function.Predicate<Path> isSymbolicLink) {
        if (!isSymbolicLink.test(link)) {
            return Optional.of(link);
        }
        try {
            String target = Files.readSymbolicLink(link).toString();
            Optional<Path> resolved = target.startsWith("/")
                    ? rebase(target)
                    : inside(root, root.relativize(link.getParent()).resolve(target).normalize().toString());
            if (resolved.isEmpty() || !resolved.get().normalize().startsWith(root)
                    || isSymbolicLink.test(resolved.get())) {
                return Optional.empty();
            }
            return resolved;
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
