package io.github.drydock.cli;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileEntry;
import io.github.drydock.union.UnionView;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A path inside a view as the user typed it, resolved the way {@code docker cp} and {@code ls -l} do:
 * relative paths start at the view's root; symlinks in the middle are followed inside the view (never on
 * the host); a symlink as the last name is the link itself unless the path ends in {@code /} or
 * {@code /.}, or following is asked for.
 *
 * @param typed       the path as typed
 * @param normalized  the lexical absolute path ({@code .} and empty names dropped, {@code ..} applied)
 * @param name        its last name ({@code ""} for the root)
 * @param trailing    true when it ends in {@code /} (a folder is meant)
 * @param contentOnly true when it ends in {@code /.} ({@code docker cp}: the folder's content, not the folder)
 */
public record ViewPathArg(String typed, String normalized, String name, boolean trailing, boolean contentOnly) {
    /** Validates the parts. */
    public ViewPathArg {
        Objects.requireNonNull(typed, "typed");
        Objects.requireNonNull(normalized, "normalized");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Parses a typed path.
     *
     * @param typed the path; empty means the root
     * @return the parsed path
     */
    public static ViewPathArg parse(String typed) {
        List<String> names = new ArrayList<>();
        for (String part : typed.split("/")) {
            if (part.equals("..")) {
                if (!names.isEmpty()) {
                    names.remove(names.size() - 1);
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                names.add(part);
            }
        }
        boolean contentOnly = typed.equals(".") || typed.endsWith("/.");
        boolean trailing = contentOnly || typed.endsWith("/");
        String normalized = "/" + String.join("/", names);
        return new ViewPathArg(typed, normalized, names.isEmpty() ? "" : names.get(names.size() - 1), trailing,
                contentOnly);
    }

    /** @return true when it names the root */
    public boolean isRoot() {
        return name.isEmpty();
    }

    /**
     * Finds the entry in a view.
     *
     * @param view       the view
     * @param followLink follow a symlink as last name even without a trailing {@code /}
     * @return the entry reached
     * @throws CliException           when a name is missing, or a folder was meant and it is not one
     * @throws DockerStorageException on a symlink loop
     */
    public FileEntry find(UnionView view, boolean followLink) throws CliException, DockerStorageException {
        Optional<FileEntry> entry = view.resolve(typedFromRoot(), followLink || trailing);
        if (entry.isEmpty()) {
            throw new CliException("no such file or folder: " + shown());
        }
        if (trailing && !entry.get().isDirectory()) {
            throw new CliException("not a folder: " + shown() + " is a " + entry.get().type());
        }
        return entry.get();
    }

    /** @return the path as typed, or {@code /} when nothing was typed */
    public String shown() {
        return typed.isEmpty() ? "/" : typed;
    }

    /** The typed path from the root: {@code ..} must be applied after symlinks, as the kernel does. */
    private String typedFromRoot() {
        return typed.startsWith("/") ? typed : "/" + typed;
    }
}
