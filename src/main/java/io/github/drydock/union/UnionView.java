package io.github.drydock.union;

import io.github.drydock.driver.LayerDirectory;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import io.github.drydock.model.Layer;
import io.github.drydock.model.Problem;
import io.github.drydock.model.ShadowedEntry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The merged, read-only file system of a layer stack, built in pure Java without mounting anything:
 * what the container (or a container of the image) sees. One rule covers every driver: a stack is
 * diffs, top to bottom, over at most one full snapshot; layers below the topmost snapshot are ignored.
 *
 * <p>Folders are merged one at a time, on demand, from each layer's own folder listing; no tree is
 * held in memory, so a walk of a huge image stays flat. Nothing on disk is ever changed; symlinks are
 * never followed on the host ({@link #resolve} follows them inside the view); FIFOs, sockets and devices
 * are listed but never opened. Damage (an unreadable folder, an attribute that cannot be read) is
 * recorded in {@link #problems()} as it is met, and the view goes on with what it can read.
 *
 * <p>Not thread-safe, with one exception: {@link #open(FileEntry)} and {@link #openChannel} may be called
 * from another thread while one thread walks (an export writes files while its walk runs ahead): they
 * read nothing of the view's state, and ask the inspector only when a file's type changed on disk.
 * Nothing returned holds open files, except the streams and channels of {@link #open} and {@link #openChannel}.
 *
 * <p>A walk announces its subtree to the inspector first ({@link NodeInspector#prefetch}), so that the
 * extended attributes of all its nodes can be read in one batch.
 */
public final class UnionView {
    private static final int CACHED_FOLDERS = 16;

    private final List<ViewLayer> stack;
    private final NodeInspector inspector;
    private final ProblemLog problems;
    private final EntryFactory entries;
    private final DirMerger merger;
    private final OpaqueMarkers opaqueMarkers = new OpaqueMarkers();
    private final Map<String, List<MergedChild>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<MergedChild>> eldest) {
            return size() > CACHED_FOLDERS;
        }
    };
    private MergedChild root;
    /** Folders whose subtrees were announced to the inspector already. */
    private final Set<Path> prefetched = new HashSet<>();

    private UnionView(List<ViewLayer> stack, NodeInspector inspector, ProblemLog problems) {
        this.stack = List.copyOf(stack);
        this.inspector = Objects.requireNonNull(inspector, "inspector");
        this.problems = problems;
        this.entries = new EntryFactory(inspector, problems);
        this.merger = new DirMerger(inspector, problems, entries, opaqueMarkers);
    }

    /**
     * The view of an image, or of a container when its layer is given.
     *
     * @param layers    the image's layers, base first (as {@link io.github.drydock.model.Image#layers()})
     * @param container the container's init and read-write layers, or null for the image alone
     * @param inspector the file-fact seam, usually {@link NodeInspector#system()}
     * @return the view; layers that cannot be read are listed in {@link #problems()}
     */
    public static UnionView of(List<Layer> layers, ContainerLayer container, NodeInspector inspector) {
        ProblemLog log = new ProblemLog();
        return new UnionView(ViewStacks.forImage(layers, container, log), inspector, log);
    }

    /**
     * A view of explicit layer folders.
     *
     * @param topFirst  the layers, top first; those below the first SNAPSHOT are ignored
     * @param inspector the file-fact seam
     * @return the view
     */
    public static UnionView ofStack(List<ViewLayer> topFirst, NodeInspector inspector) {
        ProblemLog log = new ProblemLog();
        return new UnionView(ViewStacks.readable(topFirst, log), inspector, log);
    }

    /**
     * A plain folder (a volume's data, an extracted tree) seen as a view of one snapshot.
     *
     * @param folder    the folder
     * @param id        a name for it in messages and in {@link FileEntry#layerId()}
     * @param inspector the file-fact seam
     * @return the view
     */
    public static UnionView ofFolder(Path folder, String id, NodeInspector inspector) {
        return ofStack(List.of(ViewLayer.snapshot(id, folder)), inspector);
    }

    /** @return the layers read, top first (the lowest may be a snapshot) */
    public List<ViewLayer> stack() {
        return stack;
    }

    /** @return the problems met so far (grows as the view is read) */
    public List<Problem> problems() {
        return problems.snapshot();
    }

    /** @return the root folder of the view */
    public FileEntry root() {
        return rootChild().entry();
    }

    /**
     * Looks an exact path up; no symlink is followed, not even in the middle.
     *
     * @param path absolute path in the view ({@code .} and {@code ..} are applied lexically)
     * @return the entry, or empty
     */
    public Optional<FileEntry> find(String path) {
        return lookup(path).map(MergedChild::entry);
    }

    /**
     * Resolves a path as a process in the container would, following symlinks inside the view only
     * (absolute targets start at the view's root), at most {@value ViewPaths#MAX_SYMLINK_HOPS} of them.
     *
     * @param path       the path
     * @param followLast whether a symlink as the last name is followed too
     * @return the entry reached, or empty when a name is missing
     * @throws DockerStorageException on a symlink loop
     */
    public Optional<FileEntry> resolve(String path, boolean followLast) throws DockerStorageException {
        return ViewPaths.resolve(this::find, path, followLast);
    }

    /**
     * Lists a folder, sorted by name.
     *
     * @param folderPath an exact path (not resolved through symlinks)
     * @return its visible children
     * @throws DockerStorageException when the path is missing or not a folder
     */
    public List<FileEntry> list(String folderPath) throws DockerStorageException {
        MergedChild folder = lookup(folderPath).orElseThrow(() -> new DockerStorageException(
                "no such file or folder in the view: " + folderPath, null));
        if (folder.entry().type() != FileType.DIR) {
            throw new DockerStorageException("not a folder in the view: " + folderPath + " is a "
                    + folder.entry().type(), folder.entry().source());
        }
        return children(folder, true).stream().map(MergedChild::entry).toList();
    }

    /** @return every entry of the view, root first, depth-first, each folder's children sorted by name */
    public Stream<FileEntry> walk() {
        return walk("/");
    }

    /**
     * Walks a subtree lazily: the start entry first, then depth-first with each folder's children sorted
     * by name (the order {@code docker export} writes). One folder's listing per level is held at a time.
     *
     * @param start exact path of the first entry
     * @return the entries; empty when {@code start} does not exist
     */
    public Stream<FileEntry> walk(String start) {
        if (ViewPaths.components(start).isEmpty()) {
            // before the root is read: its attributes then come from the same single batch
            prefetch(rootContributions());
        }
        Optional<MergedChild> first = lookup(start);
        if (first.isEmpty()) {
            return Stream.empty();
        }
        prefetch(first.get().contributors());
        Iterator<FileEntry> iterator = new Walker(first.get(), folder -> children(folder, false));
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * Opens a regular file of the view from the layer it comes from. Caller closes.
     *
     * @param path exact path (symlinks are not followed; resolve first)
     * @return its bytes
     * @throws DockerStorageException when it is missing, not a regular file, or cannot be opened
     */
    public InputStream open(String path) throws DockerStorageException {
        return open(find(path).orElseThrow(() -> new DockerStorageException(
                "no such file in the view: " + path, null)));
    }

    /**
     * Opens a regular file entry of this view. Caller closes. Devices, FIFOs and sockets are refused:
     * opening them could block or touch hardware.
     *
     * @param entry an entry of this view
     * @return its bytes
     * @throws DockerStorageException when it is not a regular file or cannot be opened
     */
    public InputStream open(FileEntry entry) throws DockerStorageException {
        return Channels.newInputStream(openChannel(entry));
    }

    /**
     * Opens a regular file entry of this view as a channel, with the same checks as {@link #open(FileEntry)}.
     * Caller closes. A channel lets a copy stay inside the kernel ({@link FileChannel#transferTo}).
     *
     * @param entry an entry of this view
     * @return its bytes, read-only
     * @throws DockerStorageException when it is not a regular file or cannot be opened
     */
    public FileChannel openChannel(FileEntry entry) throws DockerStorageException {
        if (entry.type() != FileType.FILE || entry.source() == null) {
            throw new DockerStorageException("cannot open " + entry.path() + ": it is a " + entry.type()
                    + ", not a regular file", entry.source());
        }
        try {
            // look again right before opening: a FIFO swapped in would block the open forever. The type is
            // all that is needed, and Java's own lstat tells it without the inspector's full (costly) facts
            BasicFileAttributes now = Files.readAttributes(entry.source(), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!now.isRegularFile()) {
                throw new DockerStorageException("cannot open " + entry.path() + ": " + entry.source()
                        + " is now a " + inspector.stat(entry.source()).type(), entry.source());
            }
            return FileChannel.open(entry.source(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (DockerStorageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DockerStorageException("cannot open " + entry.path() + " (layer " + entry.layerId() + "): "
                    + entry.source() + ": " + e.getMessage(), entry.source(), e);
        }
    }

    /**
     * Everything on disk in the stack that the view does not show because a higher layer deleted it
     * (whiteout), hid it (opaque folder) or replaced it with a node of another type; nodes below a hidden
     * folder are included. Older versions of a file replaced by a newer file are not listed. Walks the
     * whole view.
     *
     * @return the hidden entries, sorted by path
     */
    public List<ShadowedEntry> shadowed() {
        prefetch(rootContributions());
        ShadowCollector collector = new ShadowCollector(inspector, problems, entries);
        Deque<MergedChild> pending = new ArrayDeque<>();
        pending.push(rootChild());
        while (!pending.isEmpty()) {
            MergedChild folder = pending.pop();
            List<MergedChild> children = merger.merge(folder.entry().path(), folder.contributors(), collector);
            for (MergedChild child : children) {
                if (child.entry().type() == FileType.DIR) {
                    pending.push(child);
                }
            }
        }
        List<ShadowedEntry> found = new ArrayList<>(collector.found());
        found.sort(Comparator.comparing((ShadowedEntry s) -> s.entry().path(), LayerDirectory.NAME_ORDER));
        return found;
    }

    private Optional<MergedChild> lookup(String path) {
        MergedChild current = rootChild();
        for (String name : ViewPaths.components(path)) {
            if (current.entry().type() != FileType.DIR) {
                return Optional.empty();
            }
            MergedChild next = null;
            for (MergedChild child : children(current, true)) {
                if (child.entry().name().equals(name)) {
                    next = child;
                    break;
                }
            }
            if (next == null) {
                return Optional.empty();
            }
            current = next;
        }
        return Optional.of(current);
    }

    private List<MergedChild> children(MergedChild folder, boolean cached) {
        if (folder.contributors().isEmpty()) {
            return List.of();
        }
        String path = folder.entry().path();
        if (!cached) {
            return merger.merge(path, folder.contributors(), null);
        }
        List<MergedChild> children = cache.get(path);
        if (children == null) {
            children = merger.merge(path, folder.contributors(), null);
            cache.put(path, children);
        }
        return children;
    }

    private MergedChild rootChild() {
        if (root == null) {
            root = buildRoot();
        }
        return root;
    }

    /** Tells the inspector that everything below these folders is about to be read (once per folder). */
    private void prefetch(List<Contribution> folders) {
        List<Path> layerRoots = new ArrayList<>();
        List<Path> tops = new ArrayList<>();
        for (Contribution folder : folders) {
            if (prefetched.add(folder.folder())) {
                layerRoots.add(folder.layer().path());
                tops.add(folder.folder());
            }
        }
        if (!tops.isEmpty()) {
            inspector.prefetch(layerRoots, tops);
        }
    }

    private List<Contribution> rootContributions() {
        List<Contribution> roots = new ArrayList<>();
        for (ViewLayer layer : stack) {
            roots.add(new Contribution(layer, layer.path()));
        }
        return roots;
    }

    private MergedChild buildRoot() {
        List<Contribution> roots = rootContributions();
        // before any folder is merged: the opaque flags of overlay layers may come from their tar-splits
        opaqueMarkers.load(stack, inspector, problems);
        if (stack.isEmpty()) {
            // an image without layers is empty; unreadable layers were reported when the stack was built
            return new MergedChild(syntheticRoot(), List.of());
        }
        ViewLayer top = stack.get(0);
        try {
            return new MergedChild(entries.create("/", top.path(), inspector.stat(top.path()), top), roots);
        } catch (IOException | RuntimeException e) {
            problems.add(top.path().toString(), "cannot read the root folder of layer " + top.id() + ": "
                    + e.getMessage());
            return new MergedChild(syntheticRoot(), roots);
        }
    }

    private static FileEntry syntheticRoot() {
        return new FileEntry("/", FileType.DIR, 0755, 0, 0, 0, Instant.EPOCH, null, null, null, 0, 0, Map.of(),
                "", null, 0, 0, 1);
    }
}
