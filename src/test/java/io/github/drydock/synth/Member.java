package io.github.drydock.synth;

/**
 * One entry of a synthetic layer, as it appears in the layer tar (paths relative, no leading slash).
 *
 * @param kind       what it is
 * @param path       its path in the layer
 * @param size       content bytes (regular files)
 * @param target     symlink target, or hard-link target path
 * @param contentKey picks the file's bytes (same key and size → same bytes)
 * @param sparse     true for a large file written as a hole after a small head
 */
public record Member(Kind kind, String path, long size, String target, long contentKey, boolean sparse) {
    /** Entry kinds. */
    public enum Kind { DIR, FILE, SYMLINK, HARDLINK, WHITEOUT, OPAQUE }

    /** Checks the path is relative and has no {@code ..}: the generator never writes outside its folder. */
    public Member {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || ("/" + path + "/").contains("/../")
                || ("/" + path + "/").contains("/./")) {
            throw new IllegalArgumentException("bad member path " + path);
        }
    }

    static Member dir(String path) {
        return new Member(Kind.DIR, path, 0, null, 0, false);
    }

    static Member file(String path, long size, long key) {
        return new Member(Kind.FILE, path, size, null, key, false);
    }

    static Member sparse(String path, long size, long key) {
        return new Member(Kind.FILE, path, size, null, key, true);
    }

    static Member symlink(String path, String target) {
        return new Member(Kind.SYMLINK, path, 0, target, 0, false);
    }

    static Member hardlink(String path, String target) {
        return new Member(Kind.HARDLINK, path, 0, target, 0, false);
    }

    /** A deleted path: {@code path} is what is deleted (the tar holds {@code .wh.<name>} beside it). */
    static Member whiteout(String path) {
        return new Member(Kind.WHITEOUT, path, 0, null, 0, false);
    }

    /** An opaque folder: {@code path} is the folder. */
    static Member opaque(String path) {
        return new Member(Kind.OPAQUE, path, 0, null, 0, false);
    }

    /** @return the folder part of the path, or empty for a top-level name */
    public String parent() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** @return the last name of the path */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
