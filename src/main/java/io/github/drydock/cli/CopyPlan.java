package io.github.drydock.cli;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileEntry;
import io.github.drydock.union.UnionView;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@code cp} puts a copy, by {@code docker cp}'s rules, plus drydock's own safety rules:
 * <ul>
 *   <li>DEST is an existing folder: the source goes inside it under its own name; a source ending in
 *       {@code /.} (or the root) puts the folder's content straight into DEST.</li>
 *   <li>DEST does not exist: it is created as the copy (a file, or a folder holding the source folder's
 *       content); a file source with DEST ending in {@code /} is an error, as in docker.</li>
 *   <li>DEST is an existing file: replaced by a file source with {@code --force}; a folder source is an
 *       error.</li>
 *   <li>Nothing that exists is replaced or merged into without {@code --force}; a folder is never replaced
 *       by a file nor a file by a folder; a symlink is never written through (with {@code --force} a
 *       symlink in the way is itself replaced).</li>
 * </ul>
 *
 * @param viewPath exact view path of what is copied
 * @param target   the host path created, or the existing folder merged into
 */
record CopyPlan(String viewPath, Path target) {
    /** Validates both parts. */
    CopyPlan {
        Objects.requireNonNull(viewPath, "viewPath");
        Objects.requireNonNull(target, "target");
    }

    /**
     * Decides where the copy goes.
     *
     * @param view       the view copied from
     * @param source     the entry found for the typed path
     * @param typed      the typed source path
     * @param destTyped  DEST as typed
     * @param force      replace existing files and merge into existing folders
     * @return the plan
     * @throws CliException           when docker's rules or the safety rules refuse the copy
     * @throws DockerStorageException when the source folder cannot be listed
     */
    static CopyPlan of(UnionView view, FileEntry source, ViewPathArg typed, String destTyped, boolean force)
            throws CliException, DockerStorageException {
        Path dest = Path.of(destTyped).toAbsolutePath();
        boolean folder = source.isDirectory();
        boolean destTrailing = destTyped.endsWith("/") || destTyped.endsWith("/.");
        boolean destLink = Files.isSymbolicLink(dest);
        if (!destLink && Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
            if (typed.contentOnly() || typed.isRoot()) {
                if (!force) {
                    for (FileEntry child : view.list(source.path())) {
                        refuseExisting(dest.resolve(child.name()));
                    }
                }
                return new CopyPlan(source.path(), dest);
            }
            Path target = dest.resolve(typed.name());
            checkTarget(target, folder, force);
            return new CopyPlan(source.path(), target);
        }
        if (destLink && (folder || destTrailing)) {
            throw new CliException("cannot copy into " + destTyped + ": it is a symlink, and drydock never writes"
                    + " through one; give the folder it points to");
        }
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            checkTarget(dest, folder, force);
            return new CopyPlan(source.path(), dest);
        }
        if (destTrailing && !folder) {
            throw new CliException("cannot copy to " + destTyped + ": that folder does not exist");
        }
        if (dest.getParent() == null || !Files.isDirectory(dest.getParent())) {
            throw new CliException("cannot copy to " + destTyped + ": its folder does not exist");
        }
        return new CopyPlan(source.path(), dest);
    }

    private static void checkTarget(Path target, boolean folder, boolean force) throws CliException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        boolean link = Files.isSymbolicLink(target);
        boolean targetFolder = !link && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
        if (folder && !targetFolder && !link) {
            throw new CliException("cannot copy a folder onto the file " + target);
        }
        if (!folder && targetFolder) {
            throw new CliException("cannot replace the folder " + target + " by a file");
        }
        if (!force) {
            refuseExisting(target);
        }
    }

    private static void refuseExisting(Path target) throws CliException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new CliException(target + " already exists; use --force to merge into folders and replace"
                    + " files (a symlink in the way is replaced itself, never written through)");
        }
    }
}
