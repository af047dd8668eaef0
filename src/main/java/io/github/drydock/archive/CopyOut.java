package io.github.drydock.archive;

import com.sun.security.auth.module.UnixSystem;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileNames;
import io.github.drydock.model.Problem;
import io.github.drydock.union.UnionView;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Copies a file or subtree of a view to a folder on the host, like {@code docker cp CONTAINER:SRC DEST}:
 * modes and mtimes kept, owners kept only when running as root, symlinks created as symlinks (never
 * followed), hard links within the copy recreated, FIFOs made with {@code mkfifo}, device nodes made
 * with {@code mknod} only as root; sockets skipped.
 *
 * <p>Never writes outside the destination: every name is checked (no {@code ..}, no {@code /}, nothing
 * absolute) and resolved under it; a symlink met on the way is never written through (refused, or
 * replaced itself with {@code force}); an existing file is only replaced with {@code force}; existing
 * folders are merged into, never deleted. Problems are collected and the copy goes on.
 */
public final class CopyOut {
    private CopyOut() {
    }

    /**
     * How to copy.
     *
     * @param force          replace existing files and symlinks in the destination (folders are never replaced)
     * @param preserveOwners set the stored uid/gid (only works as root)
     */
    public record Options(boolean force, boolean preserveOwners) {
        /** @return no overwriting; owners kept when running as root */
        public static Options defaults() {
            return new Options(false, runningAsRoot());
        }
    }

    /**
     * What was copied.
     *
     * @param files    regular files written
     * @param folders  folders created or merged into
     * @param links    symlinks and hard links created
     * @param special  FIFOs and device nodes created
     * @param bytes    file bytes written
     * @param problems what was skipped or failed, with the reason
     */
    public record Result(long files, long folders, long links, long special, long bytes, List<Problem> problems) {
        /** Copies the list defensively. */
        public Result {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Copies {@code viewPath} into an existing folder, as {@code docker cp} does when DEST is a folder:
     * the copy is {@code destFolder/<last name of viewPath>}; for {@code /} the root's content goes
     * straight into {@code destFolder}.
     *
     * @param view       the view
     * @param viewPath   exact path of what to copy (resolve symlinks first with {@link UnionView#resolve})
     * @param destFolder an existing folder (not a symlink)
     * @param options    how
     * @return counts and problems
     * @throws IOException when the source is missing or the destination is not a real folder
     */
    public static Result copyInto(UnionView view, String viewPath, Path destFolder, Options options)
            throws IOException {
        if (Files.isSymbolicLink(destFolder) || !Files.isDirectory(destFolder, LinkOption.NOFOLLOW_LINKS)) {
            throw new DockerStorageException("cannot copy into " + destFolder + ": not a folder (a symlink is not"
                    + " followed)", destFolder);
        }
        FileEntry source = find(view, viewPath);
        Path target = source.isRoot() ? destFolder : FileNames.child(destFolder, CopyTargets.checkedName(source.name()));
        return copy(view, source.path(), target, options);
    }

    /**
     * Copies {@code viewPath} to exactly {@code target}: a folder is created there (or merged into when
     * one exists), a file must not exist unless {@code force}.
     *
     * @param view     the view
     * @param viewPath exact path of what to copy
     * @param target   the path to create; its parent must be an existing folder
     * @param options  how
     * @return counts and problems
     * @throws IOException when the source is missing or the target's parent is not a folder
     */
    public static Result copy(UnionView view, String viewPath, Path target, Options options) throws IOException {
        FileEntry top = find(view, viewPath);
        Path destRoot = target.toAbsolutePath().normalize();
        Path parent = destRoot.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new DockerStorageException("cannot copy to " + target + ": its parent folder does not exist",
                    target);
        }
        CopyTargets targets = new CopyTargets(view, destRoot, options);
        Iterator<FileEntry> walk = view.walk(top.path()).iterator();
        while (walk.hasNext()) {
            FileEntry entry = walk.next();
            String relative = entry.path().equals(top.path()) ? "" : entry.path().substring(
                    top.isRoot() ? 1 : top.path().length() + 1);
            targets.create(entry, relative);
        }
        targets.finishFolders();
        List<Problem> problems = new ArrayList<>(view.problems());
        problems.addAll(targets.problems());
        return new Result(targets.files(), targets.folders(), targets.links(), targets.special(), targets.bytes(),
                problems);
    }

    private static FileEntry find(UnionView view, String viewPath) throws DockerStorageException {
        return view.find(viewPath).orElseThrow(() -> new DockerStorageException(
                "no such file or folder in the view: " + viewPath, null));
    }

    /** @return true when this process runs as root (uid 0) */
    public static boolean runningAsRoot() {
        return new UnixSystem().getUid() == 0;
    }
}
