package io.github.drydock.archive;

import io.github.drydock.driver.LayerDirectory;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;
import io.github.drydock.model.Problem;
import io.github.drydock.union.UnionView;
import io.github.drydock.union.ViewLayer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What {@code docker diff} prints for a container: its own changes relative to its image and init
 * layer, as {@code A} (added), {@code C} (changed) and {@code D} (deleted) lines, sorted by path.
 *
 * <p>Docker's naive rule ({@code archive.ChangesDirs}) is applied to two views: the container's (image,
 * init, read-write layer) and the one below its read-write layer (image and init). A name only in the
 * newer view is added, with everything below it; one only in the older view is deleted (alone); one in
 * both is changed when mode, owner or device number differ, or, for non-folders, mtime or size, or its
 * {@code security.capability}; a folder holding any change is changed too. Nodes with the same inode in
 * both views come from the same lower layer file and are skipped, so only folders the container touched
 * are walked. The init layer's placeholders (/etc/hosts, /.dockerenv, ...) are below, so they show only
 * when the container changed them.
 *
 * <p>Real data decided the rule: Docker 20.10 printed exactly this for overlay2 containers (ancestor
 * folders of every change as {@code C}), although moby's source has a native overlay walk
 * ({@code OverlayChanges}) that would omit unchanged ancestors; vfs (snapshots) uses the naive rule by
 * design. Docker prints in no stable order; this list is sorted by path.
 * Source: moby {@code pkg/archive/changes.go}, {@code changes_unix.go}; fixture diffs of c-run, c-cp.
 */
public final class ContainerDiff {
    /** Sorted as Go sorts strings: by UTF-8 bytes, i.e. code points. */
    static final Comparator<Change> BY_PATH = Comparator.comparing(Change::path, LayerDirectory.NAME_ORDER);

    private ContainerDiff() {
    }

    /** The kind of a change, with the letter {@code docker diff} prints. */
    public enum Kind {
        /** {@code C}: changed (or a folder holding a change). */
        CHANGED('C'),
        /** {@code A}: added. */
        ADDED('A'),
        /** {@code D}: deleted. */
        DELETED('D');

        private final char letter;

        Kind(char letter) {
            this.letter = letter;
        }

        /** @return the letter {@code docker diff} prints */
        public char letter() {
            return letter;
        }
    }

    /**
     * One line of the diff.
     *
     * @param kind what happened
     * @param path absolute path in the container
     */
    public record Change(Kind kind, String path) {
        /** Validates that both parts are present. */
        public Change {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(path, "path");
        }

        /** @return the line as {@code docker diff} prints it, e.g. {@code C /etc} */
        @Override
        public String toString() {
            return kind.letter() + " " + path;
        }
    }

    /**
     * The diff and what got in the way.
     *
     * @param changes  the changes, sorted by path
     * @param problems unreadable parts (the diff may then be incomplete)
     */
    public record Result(List<Change> changes, List<Problem> problems) {
        /** Copies lists defensively. */
        public Result {
            changes = List.copyOf(changes);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Computes a container's changes.
     *
     * @param imageLayers the image's layers, base first
     * @param container   the container's layers
     * @param inspector   the file-fact seam
     * @return the changes
     * @throws DockerStorageException when the container has no readable read-write layer
     */
    public static Result of(List<Layer> imageLayers, ContainerLayer container, NodeInspector inspector)
            throws DockerStorageException {
        if (container == null || container.path() == null) {
            throw new DockerStorageException("cannot diff the container: its read-write layer folder is missing",
                    container == null ? null : container.initPath());
        }
        if (container.kind() == LayerKind.SNAPSHOT) {
            return naiveAgainstInit(imageLayers, container, inspector);
        }
        UnionView full = UnionView.of(imageLayers, container, inspector);
        List<ViewLayer> stack = full.stack();
        if (stack.isEmpty() || !stack.get(0).path().equals(container.path())) {
            throw new DockerStorageException("cannot diff the container: its read-write layer " + container.path()
                    + " cannot be read", container.path());
        }
        return compare(full, UnionView.ofStack(stack.subList(1, stack.size()), inspector));
    }

    /**
     * Compares two views the naive way ({@code archive.ChangesDirs}): what {@code docker diff} shows on
     * snapshot drivers.
     *
     * @param newer the changed tree (the container's snapshot)
     * @param older the reference tree (the init snapshot)
     * @return the changes, sorted by path
     */
    public static Result compare(UnionView newer, UnionView older) {
        NaiveChanges naive = new NaiveChanges(newer, older);
        List<Change> changes = naive.run();
        List<Problem> problems = new ArrayList<>(newer.problems());
        problems.addAll(older.problems());
        problems.addAll(naive.problems());
        return new Result(changes, problems);
    }

    private static Result naiveAgainstInit(List<Layer> imageLayers, ContainerLayer container,
                                           NodeInspector inspector) {
        String id = container.mountId() != null ? container.mountId() : "container";
        UnionView newer = UnionView.ofStack(List.of(ViewLayer.snapshot(id, container.path())), inspector);
        if (container.initPath() != null) {
            UnionView older = UnionView.ofStack(List.of(ViewLayer.snapshot(id + "-init", container.initPath())),
                    inspector);
            return compare(newer, older);
        }
        Result result = compare(newer, UnionView.of(imageLayers, null, inspector));
        List<Problem> problems = new ArrayList<>(result.problems());
        problems.add(new Problem(container.path().toString(), "container " + id + " has no init layer: compared"
                + " with its image, so the init placeholders (/etc/hosts, /.dockerenv, ...) show as changes"));
        return new Result(result.changes(), problems);
    }
}
