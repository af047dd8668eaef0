package io.github.drydock.union;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Paths inside a view: lexical normalisation and symlink resolution that never leaves the view. */
final class ViewPaths {
    /** Linux's limit ({@code MAXSYMLINKS}) of symlinks followed while resolving one path. */
    static final int MAX_SYMLINK_HOPS = 40;

    /** Looks an exact view path up without following anything. */
    interface Lookup {
        Optional<FileEntry> find(String path);
    }

    private ViewPaths() {
    }

    /**
     * Splits a path into names, lexically: empty names and {@code .} dropped, {@code ..} removes the name
     * before it and never climbs above the root.
     */
    static List<String> components(String path) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!names.isEmpty()) {
                    names.remove(names.size() - 1);
                }
            } else {
                names.add(name);
            }
        }
        return names;
    }

    static String join(List<String> names) {
        return names.isEmpty() ? "/" : "/" + String.join("/", names);
    }

    /**
     * Resolves a path inside the view as the kernel would inside the container: symlinks in the middle
     * always, the last one only when asked; absolute targets start again at the view's root; {@code ..}
     * stops at the root. Nothing on the host is ever consulted.
     *
     * @param lookup     exact lookup in the view
     * @param path       the path to resolve
     * @param followLast whether a symlink as last name is followed too
     * @return the entry the path leads to, or empty when a name is missing or not a folder
     * @throws DockerStorageException after {@value #MAX_SYMLINK_HOPS} symlinks (a loop)
     */
    static Optional<FileEntry> resolve(Lookup lookup, String path, boolean followLast) throws DockerStorageException {
        Deque<String> todo = new ArrayDeque<>(List.of(path.split("/")));
        List<String> resolved = new ArrayList<>();
        int hops = 0;
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            resolved.add(name);
            Optional<FileEntry> entry = lookup.find(join(resolved));
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            boolean last = todo.stream().allMatch(n -> n.isEmpty() || n.equals("."));
            if (entry.get().type() == FileType.SYMLINK && (!last || followLast)) {
                if (++hops > MAX_SYMLINK_HOPS) {
                    throw new DockerStorageException("too many levels of symbolic links resolving " + path
                            + " in the view (more than " + MAX_SYMLINK_HOPS + "; a symlink loop?)", null);
                }
                resolved.remove(resolved.size() - 1);
                if (!follow(entry.get().linkTarget(), todo, resolved)) {
                    return Optional.empty();
                }
            } else if (!last && entry.get().type() != FileType.DIR) {
                return Optional.empty();
            }
        }
        return lookup.find(join(resolved));
    }

    /** Puts a link's target in front of the names still to resolve; false for an empty target. */
    private static boolean follow(String target, Deque<String> todo, List<String> resolved) {
        if (target.isEmpty()) {
            return false;
        }
        if (target.startsWith("/")) {
            resolved.clear();
        }
        List<String> parts = List.of(target.split("/"));
        for (int i = parts.size() - 1; i >= 0; i--) {
            todo.push(parts.get(i));
        }
        return true;
    }
}
