package io.github.drydock.archive;

import io.github.drydock.archive.ContainerDiff.Change;
import io.github.drydock.archive.ContainerDiff.Kind;
import io.github.drydock.driver.LayerDirectory;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.Problem;
import io.github.drydock.union.UnionView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Docker's naive diff of two trees ({@code archive.ChangesDirs}, {@code FileInfo.addChanges}): a name
 * only in the newer tree is added (with everything below it), one only in the older tree is deleted
 * (alone), one in both is changed when {@code statDifferent} says so or its {@code security.capability}
 * differs; a folder holding any change is changed too. Nodes sharing an inode in both trees are
 * unchanged and not descended (overlay v1 snapshots share inodes).
 */
final class NaiveChanges {
    private final UnionView newer;
    private final UnionView older;
    private final List<Problem> problems = new ArrayList<>();

    NaiveChanges(UnionView newer, UnionView older) {
        this.newer = newer;
        this.older = older;
    }

    List<Problem> problems() {
        return problems;
    }

    List<Change> run() {
        List<Change> changes = new ArrayList<>();
        add(newer.root(), older.root(), false, changes);
        changes.sort(ContainerDiff.BY_PATH);
        return changes;
    }

    private void add(FileEntry info, FileEntry old, boolean added, List<Change> changes) {
        int sizeAtEntry = changes.size();
        if (old == null && !info.isRoot()) {
            changes.add(new Change(Kind.ADDED, info.path()));
            added = true;
        }
        Map<String, FileEntry> oldChildren = new TreeMap<>(LayerDirectory.NAME_ORDER);
        if (old != null && info.isDirectory() && old.isDirectory()) {
            list(older, old.path()).forEach(e -> oldChildren.put(e.name(), e));
        }
        if (info.isDirectory()) {
            for (FileEntry child : list(newer, info.path())) {
                FileEntry oldChild = oldChildren.remove(child.name());
                boolean childAdded = false;
                if (oldChild != null) {
                    if (sameInode(child, oldChild)) {
                        continue;
                    }
                    if (statDifferent(oldChild, child) || !sameCapability(oldChild, child)) {
                        changes.add(new Change(Kind.CHANGED, child.path()));
                        childAdded = true;
                    }
                }
                add(child, oldChild, childAdded, changes);
            }
        }
        oldChildren.values().forEach(gone -> changes.add(new Change(Kind.DELETED, gone.path())));
        if (changes.size() > sizeAtEntry && info.isDirectory() && !added && !info.isRoot()) {
            changes.add(sizeAtEntry, new Change(Kind.CHANGED, info.path()));
        }
    }

    /** Go's {@code statDifferent}: mode, owner, device number; size and mtime only for non-folders. */
    static boolean statDifferent(FileEntry a, FileEntry b) {
        if (a.fullMode() != b.fullMode() || a.uid() != b.uid() || a.gid() != b.gid()
                || a.devMajor() != b.devMajor() || a.devMinor() != b.devMinor()) {
            return true;
        }
        return !a.isDirectory() && (!sameFsTime(a.mtime(), b.mtime()) || a.size() != b.size());
    }

    /** Go's {@code sameFsTime}: equal, or equal seconds when one side lost its nanoseconds (tar). */
    static boolean sameFsTime(Instant a, Instant b) {
        return a.equals(b) || (a.getEpochSecond() == b.getEpochSecond() && (a.getNano() == 0 || b.getNano() == 0));
    }

    private static boolean sameCapability(FileEntry a, FileEntry b) {
        return Arrays.equals(a.xattrs().get(TarEntryMapper.CAPABILITY), b.xattrs().get(TarEntryMapper.CAPABILITY));
    }

    private static boolean sameInode(FileEntry a, FileEntry b) {
        return a.inode() != 0 && a.inode() == b.inode() && a.device() == b.device();
    }

    private List<FileEntry> list(UnionView view, String path) {
        try {
            return view.list(path);
        } catch (DockerStorageException e) {
            problems.add(new Problem(path, "cannot compare " + path + ": " + e.getMessage()));
            return List.of();
        }
    }
}
