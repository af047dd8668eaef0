package io.github.drydock;

import io.github.drydock.archive.OutputTarget;
import io.github.drydock.archive.Report;
import io.github.drydock.archive.ReportInput;
import io.github.drydock.archive.Timeline;
import io.github.drydock.archive.TimelineFolder;
import io.github.drydock.archive.TimelineFormat;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.layout.LayerInventory;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.IdLookup;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerFolder;
import io.github.drydock.model.LayerFolderKind;
import io.github.drydock.model.Owner;
import io.github.drydock.model.OwnerType;
import io.github.drydock.model.Problem;
import io.github.drydock.model.TimelineEvent;
import io.github.drydock.model.Volume;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an investigator asks of a Docker disk, on top of an opened {@link DockerRoot}: every layer
 * folder on disk and who owns it ({@link #layers()}), what an id seen somewhere belongs to
 * ({@link #whois(String)}), a file-system timeline with Docker's own events ({@link #timeline}), and a
 * self-contained report folder ({@link #report}).
 *
 * <pre>{@code
 * Forensics forensics = Forensics.of(DockerRoot.open(Path.of("/mnt/evidence")));
 * forensics.layers().items().stream().filter(LayerFolder::orphan).forEach(System.out::println);
 * }</pre>
 *
 * <p>Owners come from the root's public metadata only ({@link DockerRoot#images()},
 * {@link DockerRoot#containers()}, {@link DockerRoot#volumes()}). Nothing under the root is ever
 * written; damage to one item becomes a {@link Problem} and the rest goes on. Every method reads the
 * disk again: nothing is cached between calls.
 */
public final class Forensics {
    private static final int SHORT_ID = 12;

    private final DockerRoot root;
    private final NodeInspector inspector;

    private Forensics(DockerRoot root, NodeInspector inspector) {
        this.root = root;
        this.inspector = inspector;
    }

    /**
     * @param root an opened root
     * @return its forensic view (no I/O yet)
     */
    public static Forensics of(DockerRoot root) {
        return new Forensics(Objects.requireNonNull(root, "root"), NodeInspector.system());
    }

    /**
     * The layer folders of a root.
     *
     * @param items    every folder, sorted by driver then id
     * @param problems the root's reading problems, then those met while listing and measuring folders
     */
    public record Layers(List<LayerFolder> items, List<Problem> problems) {
        /** Copies the lists. */
        public Layers {
            items = List.copyOf(items);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Lists every layer folder of every driver with its size on disk and its owners; orphans carry a reason.
     *
     * @return the folders and the problems
     */
    public Layers layers() {
        return layers(true);
    }

    private Layers layers(boolean measure) {
        LayerInventory.Result scan = scan(measure);
        ForensicOwners owners = new ForensicOwners(root);
        List<LayerFolder> items = scan.folders().stream().map(owners::settle).toList();
        return new Layers(items, merge(root.problems(), scan.problems()));
    }

    private LayerInventory.Result scan(boolean measure) {
        return LayerInventory.scan(root.path(), root.filesystemRoot().orElse(null), root.drivers(), measure);
    }

    /**
     * Finds what an id seen on disk belongs to: an image id, chain id, diff id, legacy v1 id, cache id,
     * mount id, init id, overlay2 short link, container id or volume name, or a unique prefix of one.
     *
     * @param query the id, a prefix, {@code sha256:<hex>} or {@code l/<short name>}
     * @return every match (exact ones when there are any, else every prefix match)
     */
    public IdLookup whois(String query) {
        LayerInventory.Result scan = scan(false);
        ForensicOwners owners = new ForensicOwners(root);
        List<LayerFolder> folders = scan.folders().stream().map(owners::settle).toList();
        return new ForensicWhois(root, owners, folders, scan.shortLinks())
                .lookup(Objects.requireNonNull(query, "query"));
    }

    /**
     * Docker's own events, oldest first: image created, container created, started and finished, first
     * and last log record, volume created.
     *
     * @return the events
     */
    public List<TimelineEvent> events() {
        return new ForensicEvents(root).events();
    }

    /**
     * Writes the timeline of every layer folder and volume, plus Docker's events, into a stream.
     *
     * @param out    where to write; flushed, never closed
     * @param format the format
     * @return the rows written and every problem met (reading the root included)
     * @throws IOException when the output fails
     */
    public Timeline.Result timeline(OutputStream out, TimelineFormat format) throws IOException {
        ForensicEvents events = new ForensicEvents(root);
        Layers layers = layers(false);
        Timeline.Result result = new Timeline(inspector).write(events.events(), timelineFolders(layers.items()),
                format.open(out));
        List<Problem> problems = merge(merge(layers.problems(), events.problems()), result.problems());
        return new Timeline.Result(result.rows(), problems);
    }

    /**
     * Writes a report folder: {@code report.json}, {@code report.md}, {@code timeline.bodyfile},
     * {@code timeline.csv} and {@code SHA256SUMS}.
     *
     * @param dir         the folder: created when missing; refused inside the evidence, or when not empty
     *                    unless {@code force}
     * @param version     the drydock version to record
     * @param commandLine the exact command line to record, program name first
     * @param force       true to write into a non-empty folder
     * @return what was written
     * @throws DockerStorageException when the folder is refused
     * @throws IOException            when a file cannot be written
     */
    public Report.Result report(Path dir, String version, List<String> commandLine, boolean force) throws IOException {
        Instant started = Instant.now();
        OutputTarget.outsideEvidence(dir, evidence());
        OutputTarget.emptyFolder(dir, force);
        ForensicEvents events = new ForensicEvents(root);
        Layers layers = layers(true);
        ReportInput input = new ReportInput(version, commandLine, started, root.path(),
                root.filesystemRoot().orElse(null), root.generation(), root.drivers(), root.notes(), root.images(),
                root.containers(), root.volumes(), layers.items(), merge(layers.problems(), events.problems()));
        return new Report(inspector).write(dir, input, events.events(), timelineFolders(layers.items()));
    }

    /**
     * The folders output must never go into: the Docker root, and the mounted disk it was opened from
     * (unless that is this machine's own {@code /}, as with {@code --root /} on a live host).
     *
     * @return the folders
     */
    public List<Path> evidence() {
        List<Path> folders = new ArrayList<>();
        folders.add(root.path());
        root.filesystemRoot().filter(mount -> !isHostRoot(mount)).ifPresent(folders::add);
        return folders;
    }

    private static boolean isHostRoot(Path folder) {
        try {
            return folder.toRealPath().getParent() == null;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * What the timeline walks: each readable layer folder's files under the name of its principal
     * owner, then each volume's data folder. A legacy volume's {@code vfs/dir/<id>} is walked once, as
     * the volume.
     */
    List<TimelineFolder> timelineFolders(List<LayerFolder> folders) {
        ForensicOwners owners = new ForensicOwners(root);
        List<TimelineFolder> result = new ArrayList<>();
        for (LayerFolder folder : folders) {
            boolean volume = !folder.owners().isEmpty()
                    && folder.owners().stream().allMatch(o -> o.type() == OwnerType.VOLUME);
            if (folder.content() != null && folder.kind() != LayerFolderKind.UNREADABLE && !volume) {
                result.add(new TimelineFolder(prefix(folder, owners), folder.content()));
            }
        }
        Set<Path> seen = new LinkedHashSet<>();
        for (Volume volume : root.volumes()) {
            Path data = volume.path();
            if (data != null && noSymlinkOnTheWay(data) && seen.add(data)) {
                result.add(new TimelineFolder("volume:" + volume.name(), data));
            }
        }
        return result;
    }

    /**
     * True when a data folder is a real folder inside what was opened, reached without passing a symlink:
     * a walk must not be led out of the evidence by a symlinked parent folder.
     */
    private boolean noSymlinkOnTheWay(Path data) {
        Path base = evidence().stream().filter(data::startsWith).findFirst().orElse(null);
        if (base == null) {
            return false;
        }
        Path current = base;
        for (Path part : base.relativize(data)) {
            current = current.resolve(part);
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }

    private static String prefix(LayerFolder folder, ForensicOwners owners) {
        if (folder.owners().isEmpty()) {
            return "orphan-layer:" + folder.id();
        }
        Owner owner = folder.owners().get(0);
        String name = owner.name() != null ? owner.name() : shortId(owner.id());
        return switch (owner.type()) {
            case IMAGE -> "image:" + (owner.name() != null ? owner.name() : "sha256:" + shortId(owner.id()))
                    + " layer:" + shortId(owners.layer(folder.driver(), folder.id()).map(Layer::id).orElse(folder.id()));
            case CONTAINER -> "container:" + name;
            case CONTAINER_INIT -> "container-init:" + name;
            case VOLUME -> "volume:" + name;
        };
    }

    private static List<Problem> merge(List<Problem> first, List<Problem> second) {
        List<Problem> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String shortId(String id) {
        return id.length() > SHORT_ID ? id.substring(0, SHORT_ID) : id;
    }

    /** @return the opened root */
    public DockerRoot root() {
        return root;
    }
}
