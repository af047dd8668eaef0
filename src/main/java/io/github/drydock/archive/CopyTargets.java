package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileNames;
import io.github.drydock.model.FileType;
import io.github.drydock.model.Problem;
import io.github.drydock.union.UnionView;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Creates the nodes of one {@link CopyOut} run under one destination root, checking every name. */
final class CopyTargets {
    private record PendingFolder(Path path, FileEntry entry) {
    }

    private final UnionView view;
    private final Path destRoot;
    private final CopyOut.Options options;
    private final List<Problem> problems = new ArrayList<>();
    private final List<PendingFolder> folders = new ArrayList<>();
    private final List<String> skippedFolders = new ArrayList<>();
    private final Map<String, Path> firstCopies = new HashMap<>();
    private long files;
    private long links;
    private long special;
    private long bytes;

    CopyTargets(UnionView view, Path destRoot, CopyOut.Options options) {
        this.view = view;
        this.destRoot = destRoot;
        this.options = options;
    }

    /** A single file name that is safe to create: not empty, not {@code .} or {@code ..}, no {@code /} or NUL. */
    static String checkedName(String name) throws DockerStorageException {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new DockerStorageException("refusing to copy a node named '" + name + "': not a plain file name",
                    null);
        }
        return name;
    }

    void create(FileEntry entry, String relative) {
        Path out;
        try {
            out = resolve(relative);
        } catch (DockerStorageException e) {
            problems.add(new Problem(entry.path(), e.getMessage()));
            return;
        }
        if (underSkippedFolder(relative)) {
            return;
        }
        try {
            switch (entry.type()) {
                case DIR -> folder(entry, out, relative);
                case FILE -> file(entry, out);
                case SYMLINK -> symlink(entry, out);
                case FIFO, CHAR, BLOCK -> specialNode(entry, out);
                case SOCKET -> problems.add(new Problem(entry.path(), "skipped socket " + entry.path()
                        + ": a socket cannot be copied"));
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(entry.path(), "cannot copy " + entry.path() + " to " + out + ": "
                    + e.getMessage()));
            if (entry.type() == FileType.DIR) {
                skippedFolders.add(relative);
            }
        }
    }

    /** Resolves a relative view path under the destination, name by name, never leaving it. */
    private Path resolve(String relative) throws DockerStorageException {
        Path out = destRoot;
        if (!relative.isEmpty()) {
            for (String name : relative.split("/", -1)) {
                out = FileNames.child(out, checkedName(name));
            }
        }
        if (!out.normalize().startsWith(destRoot)) {
            throw new DockerStorageException("refusing to write outside " + destRoot + ": " + relative, out);
        }
        return out;
    }

    private boolean underSkippedFolder(String relative) {
        for (String skipped : skippedFolders) {
            if (skipped.isEmpty() || relative.startsWith(skipped + "/")) {
                return true;
            }
        }
        return false;
    }

    private void folder(FileEntry entry, Path out, String relative) throws IOException {
        if (Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
            folders.add(new PendingFolder(out, entry));
            return;
        }
        if (!clearWay(out, entry)) {
            skippedFolders.add(relative);
            return;
        }
        Files.createDirectory(out);
        owner(out, entry);
        folders.add(new PendingFolder(out, entry));
    }

    private void file(FileEntry entry, Path out) throws IOException {
        if (!clearWay(out, entry)) {
            return;
        }
        Path first = entry.hardLinkKey().map(firstCopies::get).orElse(null);
        if (first != null) {
            Files.createLink(out, first);
            links++;
            return;
        }
        try (InputStream in = view.open(entry);
             OutputStream target = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW,
                     StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            bytes += in.transferTo(target);
        }
        Files.setAttribute(out, "unix:mode", entry.mode());
        owner(out, entry);
        times(out, entry);
        files++;
        entry.hardLinkKey().ifPresent(key -> firstCopies.put(key, out));
    }

    private void symlink(FileEntry entry, Path out) throws IOException {
        if (entry.linkTarget().isEmpty() || entry.linkTarget().indexOf('\0') >= 0) {
            problems.add(new Problem(entry.path(), "skipped symlink " + entry.path() + ": unusable target"));
            return;
        }
        if (!clearWay(out, entry)) {
            return;
        }
        Files.createSymbolicLink(out, FileNames.path(entry.linkTarget()));
        owner(out, entry);
        times(out, entry);
        links++;
    }

    /** FIFOs with mkfifo; devices with mknod, which needs root. Neither is ever opened. */
    private void specialNode(FileEntry entry, Path out) throws IOException {
        boolean device = entry.type() != FileType.FIFO;
        if (device && !CopyOut.runningAsRoot()) {
            problems.add(new Problem(entry.path(), "skipped " + entry.type() + " device " + entry.path() + " ("
                    + entry.devMajor() + ":" + entry.devMinor() + "): creating device nodes needs root"));
            return;
        }
        if (!clearWay(out, entry)) {
            return;
        }
        String mode = Integer.toOctalString(entry.mode());
        if (device) {
            Processes.run("mknod", "-m", mode, "--", out.toString(), entry.type() == FileType.CHAR ? "c" : "b",
                    Integer.toString(entry.devMajor()), Integer.toString(entry.devMinor()));
        } else {
            Processes.run("mkfifo", "-m", mode, "--", out.toString());
        }
        owner(out, entry);
        Processes.run("touch", "-h", "-m", "-d", "@" + entry.mtime().getEpochSecond(), "--", out.toString());
        special++;
    }

    /**
     * Makes sure nothing is in the way at {@code out}: true when the path is free. An existing file or
     * symlink is removed only with {@code force} (the symlink itself, never what it points to); an
     * existing folder is never removed.
     */
    private boolean clearWay(Path out, FileEntry entry) throws IOException {
        if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        boolean symlink = Files.isSymbolicLink(out);
        if (!symlink && Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(new Problem(entry.path(), "not copied: " + out + " is an existing folder"));
            return false;
        }
        if (!options.force()) {
            problems.add(new Problem(entry.path(), "not copied: " + out + " already exists"
                    + (symlink ? " as a symlink (never written through)" : "") + "; use force to replace it"));
            return false;
        }
        Files.delete(out);
        return true;
    }

    private void owner(Path out, FileEntry entry) throws IOException {
        if (options.preserveOwners()) {
            Files.setAttribute(out, "unix:uid", (int) entry.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(out, "unix:gid", (int) entry.gid(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Sets the mtime without following links (files, folders and symlinks only: FIFOs would be opened). */
    private static void times(Path out, FileEntry entry) throws IOException {
        Files.getFileAttributeView(out, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(entry.mtime()), null, null);
    }

    /** Folder modes and mtimes are set last, deepest first: writing children would change them. */
    void finishFolders() {
        for (int i = folders.size() - 1; i >= 0; i--) {
            PendingFolder folder = folders.get(i);
            try {
                Files.setAttribute(folder.path(), "unix:mode", folder.entry().mode());
                times(folder.path(), folder.entry());
            } catch (IOException | RuntimeException e) {
                problems.add(new Problem(folder.entry().path(), "cannot set mode or mtime of " + folder.path()
                        + ": " + e.getMessage()));
            }
        }
    }

    List<Problem> problems() {
        return problems;
    }

    long files() {
        return files;
    }

    long folders() {
        return folders.size();
    }

    long links() {
        return links;
    }

    long special() {
        return special;
    }

    long bytes() {
        return bytes;
    }
}
