package io.github.drydock.archive;

import io.github.drydock.driver.Node;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.driver.WhiteoutEncoding;
import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;
import io.github.drydock.model.Problem;
import io.github.drydock.union.UnionView;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The deterministic layer tar drydock writes when a layer cannot be rebuilt byte-exactly (no tar-split, a
 * file changed or missing since Docker wrote it), and for a container's own layer ({@code commit}). The
 * same folder always gives the same bytes: members sorted by name, file times and owners as on disk.
 *
 * <ul>
 *   <li>A DIFF layer (aufs, overlay2, overlay upper) is its own folder, walked as Docker's driver diff
 *       walks it, with the whiteouts always in the AUFS/OCI form: an overlay character device 0:0 becomes
 *       an empty {@code .wh.<name>} file (mode 0600, as overlay2's {@code ConvertWrite}), an overlay opaque
 *       folder gets a {@code .wh..wh..opq} member right after its own (folder permissions, time 0, as
 *       overlay2 writes it); aufs whiteouts are written as
 *       empty files (not as hard links to the branch's whiteout base) and the aufs bookkeeping
 *       ({@code .wh..wh.plnk/}, {@code .wh..wh.aufs}, {@code .wh..wh.orph/}) is left out.</li>
 *   <li>A SNAPSHOT layer (vfs, btrfs, overlay v1 {@code root/}) is the naive diff against its parent's
 *       snapshot, written as Docker's {@code ExportChanges} writes it: changes sorted by path, an empty
 *       {@code .wh.<name>} for each deletion (owner 0, mode 0, the parent folder's time instead of
 *       Docker's clock); a base snapshot is its whole tree in walk order.</li>
 * </ul>
 * Headers come from {@link TarEntryMapper}; owner names are {@code root} for id 0 and empty otherwise
 * (what Docker's lookup gives on a host without the image's users), so a fallback tar of an unchanged
 * overlay2 layer can even reproduce Docker's original bytes. Unreadable files are left out and listed in
 * {@link #problems()}.
 */
public final class SaveFallbackTar implements LayerFallback {
    private final NodeInspector inspector;
    private final Function<String, Optional<Layer>> layersById;
    private final List<Problem> problems = new ArrayList<>();

    /**
     * @param inspector  the file-fact seam (devices, attributes)
     * @param layersById finds a layer by id (chain id or legacy id), to diff a snapshot against its parent
     */
    public SaveFallbackTar(NodeInspector inspector, Function<String, Optional<Layer>> layersById) {
        this.inspector = Objects.requireNonNull(inspector, "inspector");
        this.layersById = Objects.requireNonNull(layersById, "layersById");
    }

    /** @return what got in the way so far (files left out or padded, unreadable folders), in order */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void write(Layer layer, OutputStream out) throws IOException {
        Path folder = TarSplitAssembler.requireFolder(layer);
        if (layer.kind() == LayerKind.SNAPSHOT) {
            writeSnapshot(layer, folder, out);
        } else {
            writeDiffFolder(layer.id(), folder, WhiteoutEncoding.forLayer(layer.driver(), LayerKind.DIFF), out);
        }
    }

    /**
     * Writes a container's own changes as the layer {@code docker commit} would add: its read-write folder
     * where the driver keeps only the container's changes (aufs, overlay2), else (vfs, btrfs snapshots and
     * the overlay v1 upper folder, which also holds the init placeholders) the naive diff against the init
     * layer. The init layer is never part of it.
     *
     * @param imageLayers the container's image layers, base first
     * @param container   its read-write and init layers
     * @param out         where the tar goes (not closed)
     * @return the number of members written
     * @throws IOException when the container layer cannot be read or {@code out} fails
     */
    public long writeContainer(List<Layer> imageLayers, ContainerLayer container, OutputStream out) throws IOException {
        if (container == null || container.path() == null) {
            throw new DockerStorageException("the container has no readable read-write layer folder",
                    container == null ? null : container.initPath());
        }
        String id = container.mountId() != null ? container.mountId() : String.valueOf(container.path());
        if (container.kind() == LayerKind.DIFF && !"overlay".equals(container.driver())) {
            return writeDiffFolder(id, container.path(), WhiteoutEncoding.forLayer(container.driver(), LayerKind.DIFF), out);
        }
        ContainerDiff.Result diff = ContainerDiff.of(imageLayers, container, inspector);
        problems.addAll(diff.problems());
        return writeChanges(UnionView.of(imageLayers, container, inspector), diff.changes(), out);
    }

    /**
     * Writes one DIFF layer folder as a tar, whiteouts converted to the AUFS/OCI form.
     *
     * @param id       the layer's id, for messages
     * @param folder   the layer folder
     * @param encoding how the folder records deletions
     * @param out      where the tar goes (not closed)
     * @return the number of members written
     * @throws IOException when {@code out} fails
     */
    public long writeDiffFolder(String id, Path folder, WhiteoutEncoding encoding, OutputStream out) throws IOException {
        UnionView raw = UnionView.ofFolder(folder, id, inspector);
        if (encoding == WhiteoutEncoding.OVERLAY) {
            inspector.limitation().ifPresent(why -> problems.add(new Problem(folder.toString(), "layer " + id
                    + ": cannot read " + WhiteoutEncoding.TRUSTED_OPAQUE + " (" + why + "): opaque folders are written"
                    + " without their .wh..wh..opq marker")));
        }
        long members;
        try (SaveTarAppender tar = new SaveTarAppender(out, problems)) {
            DiffWalk diff = new DiffWalk(raw, folder, encoding, tar);
            String skipped = null;
            for (Iterator<FileEntry> walk = raw.walk().iterator(); walk.hasNext(); ) {
                FileEntry entry = walk.next();
                if (skipped != null && entry.path().startsWith(skipped)) {
                    continue;
                }
                skipped = null;
                if (!entry.isRoot()) {
                    skipped = diff.entry(entry);
                }
            }
            members = tar.members();
        }
        problems.addAll(raw.problems());
        return members;
    }

    /**
     * Writes changes of a naive diff as {@code ExportChanges} does: in the given (path) order, the newer
     * view's entry for an addition or change, an empty {@code .wh.<name>} for a deletion.
     *
     * @param newer   the view the added and changed entries come from
     * @param changes the changes, sorted by path
     * @param out     where the tar goes (not closed)
     * @return the number of members written
     * @throws IOException when {@code out} fails
     */
    public long writeChanges(UnionView newer, List<ContainerDiff.Change> changes, OutputStream out) throws IOException {
        long members;
        try (SaveTarAppender tar = new SaveTarAppender(out, problems)) {
            for (ContainerDiff.Change change : changes) {
                if (change.kind() == ContainerDiff.Kind.DELETED) {
                    int slash = change.path().lastIndexOf('/');
                    String parent = change.path().substring(0, Math.max(1, slash));
                    Instant time = newer.find(parent).map(FileEntry::mtime).orElse(Instant.EPOCH);
                    tar.whiteout(change.path().substring(1, slash + 1) + WhiteoutEncoding.WHITEOUT_PREFIX
                            + change.path().substring(slash + 1), 0, 0, 0, time, "");
                    continue;
                }
                Optional<FileEntry> entry = newer.find(change.path());
                if (entry.isPresent()) {
                    tar.entry(newer, entry.get(), TarEntryMapper.tarName(entry.get(), "/"));
                } else {
                    problems.add(new Problem(change.path(), change.path() + " changed but can no longer be found:"
                            + " left out of the layer tar"));
                }
            }
            members = tar.members();
        }
        problems.addAll(newer.problems());
        return members;
    }

    /**
     * Writes a whole view in walk order (a base snapshot layer: every entry is new).
     *
     * @param view the view
     * @param out  where the tar goes (not closed)
     * @return the number of members written
     * @throws IOException when {@code out} fails
     */
    public long writeTree(UnionView view, OutputStream out) throws IOException {
        long members;
        try (SaveTarAppender tar = new SaveTarAppender(out, problems)) {
            for (Iterator<FileEntry> walk = view.walk().iterator(); walk.hasNext(); ) {
                FileEntry entry = walk.next();
                if (!entry.isRoot()) {
                    tar.entry(view, entry, TarEntryMapper.tarName(entry, "/"));
                }
            }
            members = tar.members();
        }
        problems.addAll(view.problems());
        return members;
    }

    /** One walk of a DIFF folder: the state shared by its entries. */
    private final class DiffWalk {
        private final UnionView raw;
        private final Path folder;
        private final WhiteoutEncoding encoding;
        private final SaveTarAppender tar;
        /** First member name of each whiteout inode (the kernel links all whiteouts of an upper folder). */
        private final Map<String, String> whiteoutInodes = new HashMap<>();

        DiffWalk(UnionView raw, Path folder, WhiteoutEncoding encoding, SaveTarAppender tar) {
            this.raw = raw;
            this.folder = folder;
            this.encoding = encoding;
            this.tar = tar;
        }

        /** Writes one entry; returns the path prefix of a subtree to skip, or null. */
        String entry(FileEntry entry) throws IOException {
            String name = TarEntryMapper.tarName(entry, "/");
            switch (encoding.classify(entry.name(), node(entry))) {
                case INTERNAL -> {
                    return entry.isDirectory() ? entry.path() + "/" : null;
                }
                case WHITEOUT -> whiteout(entry, name);
                case OPAQUE_MARKER -> tar.whiteout(name, entry.mode(), entry.uid(), entry.gid(), entry.mtime(), "");
                case ENTRY -> {
                    tar.entry(raw, entry, name);
                    if (encoding.opaqueByAttribute() && entry.isDirectory() && opaque(folder, entry)) {
                        // overlay2's ConvertWrite: folder permissions and owner, no time (Go writes 0)
                        tar.whiteout(name + WhiteoutEncoding.OPAQUE_MARKER, entry.mode() & 0777, entry.uid(),
                                entry.gid(), Instant.EPOCH, "");
                    }
                }
            }
            return null;
        }

        /**
         * An aufs whiteout keeps its name; an overlay one becomes {@code .wh.<name>}, mode 0600. Docker detects
         * hard links before converting, so a whiteout sharing its inode with an earlier one keeps that one's
         * original name as link name (a quirk kept here: it is what makes the bytes Docker's).
         */
        private void whiteout(FileEntry entry, String name) throws IOException {
            if (encoding != WhiteoutEncoding.OVERLAY) {
                tar.whiteout(name, entry.mode(), entry.uid(), entry.gid(), entry.mtime(), "");
                return;
            }
            String link = "";
            if (entry.linkCount() > 1) {
                String inode = entry.device() + ":" + entry.inode();
                link = whiteoutInodes.getOrDefault(inode, "");
                whiteoutInodes.putIfAbsent(inode, name);
            }
            String member = name.substring(0, name.length() - entry.name().length()) + WhiteoutEncoding.WHITEOUT_PREFIX
                    + entry.name();
            tar.whiteout(member, 0600, entry.uid(), entry.gid(), entry.mtime(), link);
        }
    }

    private boolean opaque(Path folder, FileEntry dir) {
        try {
            return WhiteoutEncoding.opaqueAttribute(inspector.xattrs(folder, dir.source()));
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(String.valueOf(dir.source()), "cannot read " + WhiteoutEncoding.TRUSTED_OPAQUE
                    + " of " + dir.path() + ": " + e.getMessage() + " — written as a plain folder"));
            return false;
        }
    }

    private void writeSnapshot(Layer layer, Path folder, OutputStream out) throws IOException {
        UnionView newer = UnionView.ofFolder(folder, layer.id(), inspector);
        if (layer.parentId() == null) {
            writeTree(newer, out);
            return;
        }
        Layer parent = layersById.apply(layer.parentId()).orElseThrow(() -> new DockerStorageException("cannot diff"
                + " the snapshot layer " + layer.id() + ": its parent layer " + layer.parentId() + " is not known", folder));
        if (parent.kind() != LayerKind.SNAPSHOT) {
            throw new DockerStorageException("cannot diff the snapshot layer " + layer.id() + ": its parent layer "
                    + parent.id() + " is not a snapshot (" + parent.kind() + ")", folder);
        }
        UnionView older = UnionView.ofFolder(TarSplitAssembler.requireFolder(parent), parent.id(), inspector);
        ContainerDiff.Result diff = ContainerDiff.compare(newer, older);
        problems.addAll(diff.problems());
        writeChanges(newer, diff.changes(), out);
    }

    /** The node facts of a view entry, for the whiteout classification of its layer's encoding. */
    private static Node node(FileEntry entry) {
        return new Node(entry.type(), entry.mode(), entry.uid(), entry.gid(), entry.size(), entry.mtime(), entry.atime(),
                entry.ctime(), entry.type() == FileType.CHAR || entry.type() == FileType.BLOCK ? entry.devMajor() : 0,
                entry.type() == FileType.CHAR || entry.type() == FileType.BLOCK ? entry.devMinor() : 0,
                entry.device(), entry.inode(), entry.linkCount());
    }
}
