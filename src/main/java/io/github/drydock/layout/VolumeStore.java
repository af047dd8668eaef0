package io.github.drydock.layout;

import io.github.drydock.json.VolumeConfigJson;
import io.github.drydock.json.VolumeGraphJson;
import io.github.drydock.model.Container;
import io.github.drydock.model.Mount;
import io.github.drydock.model.Volume;
import io.github.drydock.model.VolumeUse;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads Docker-managed volumes of every generation: {@code vfs/dir/<id>} with {@code volumes/<id>/json}
 * or {@code config.json} (0.7–1.6), {@code volumes/<name>/_data} (1.7+, a symlink to the old
 * {@code vfs/dir} path after migration), {@code volumes/metadata.db} (1.10+ layout); and maps each to the
 * containers that mount it. See spec/docker-legacy-layout.md §7 and spec/docker-modern-layout-and-archives.md §1.10.
 *
 * <p>On a legacy root every {@code vfs/dir/<64 hex>} that is neither an image layer ({@code graph/<id>})
 * nor a container layer ({@code <container id>}, {@code <container id>-init}) is a volume, orphans
 * included. On a 1.10+ root {@code vfs/dir} holds layers under random cache ids, so only the ids a
 * container or {@code volumes/} names are volumes there.
 */
public final class VolumeStore {
    /** Where a volume known only from a container mount came from. */
    static final String FROM_CONTAINER = "container config";
    /** The 1.10+ init-layer suffix a container layer folder may carry. */
    private static final String INIT_SUFFIX = "-init";

    private VolumeStore() {
    }

    /** A volume being assembled. */
    private static final class Candidate {
        private final String name;
        private Path path;
        private String source;
        private String driver = ContainerMounts.LOCAL;
        private Instant created;
        private Map<String, String> labels = Map.of();
        private boolean reported;
        private final List<VolumeUse> users = new ArrayList<>();

        Candidate(String name, Path path, String source) {
            this.name = name;
            this.path = path;
            this.source = source;
        }
    }

    /**
     * Reads every volume.
     *
     * @param context    the opened root
     * @param containers the containers already read, whose mounts link volumes to them
     * @return the volumes sorted by name; orphans included
     */
    public static List<Volume> read(RootContext context, List<Container> containers) {
        VolumeData.learnOriginalRoots(context);
        Map<String, Candidate> candidates = new TreeMap<>();
        scanVolumesFolder(context, candidates);
        Set<String> referenced = new HashSet<>();
        containers.forEach(c -> c.mounts().stream().map(Mount::volume).filter(v -> v != null).forEach(referenced::add));
        scanVfsDir(context, candidates, referenced, containers);
        addUsers(context, candidates, containers);
        applyMetadata(context, candidates);
        List<Volume> volumes = new ArrayList<>();
        for (Candidate c : candidates.values()) {
            try {
                volumes.add(finish(context, c));
            } catch (RuntimeException e) {
                context.problem(context.root().resolve(RootDetector.VOLUMES), "cannot read volume " + c.name + ": "
                        + MetadataFile.describe(e));
            }
        }
        return volumes;
    }

    /** {@code volumes/<name>/}: 1.7+ data folders, 0.7–1.6 records; bind-mount records are no volumes. */
    private static void scanVolumesFolder(RootContext context, Map<String, Candidate> candidates) {
        Path volumes = context.root().resolve(RootDetector.VOLUMES);
        for (Path entry : list(context, volumes)) {
            String name = entry.getFileName().toString();
            if (name.equals(VolumeData.METADATA_DB) || name.equals(VolumeData.BACKING_FS_BLOCK_DEV)) {
                continue;
            }
            if (Files.isSymbolicLink(entry)) {
                context.problem(entry, "volume folder " + entry + " is a symlink: not followed");
                continue;
            }
            if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            boolean hasData = MetadataFile.present(entry.resolve(VolumeData.DATA));
            if (!hasData && isBindMountRecord(context, entry, name)) {
                continue;
            }
            VolumeData.Location location = VolumeData.locate(context, name);
            Candidate candidate = new Candidate(name, location.path(),
                    location.source() != null ? location.source() : RootDetector.VOLUMES);
            if (location.refusal() != null) {
                context.problem(entry, "volume " + name + ": " + location.refusal());
                candidate.reported = true;
            }
            candidate.created = created(context, entry, name, hasData);
            candidates.put(name, candidate);
        }
    }

    private static boolean isBindMountRecord(RootContext context, Path entry, String name) {
        Path config = entry.resolve(VolumeData.LEGACY_CONFIG);
        if (!MetadataFile.present(config)) {
            return false;
        }
        return MetadataFile.read(context, config, VolumeConfigJson.class, "volume record " + name)
                .map(VolumeConfigJson::isBindMount).orElse(false);
    }

    /**
     * 0.7–1.2 record the time in {@code json}; 1.7+ volumes record none, so the folder's modification
     * time stands in (Docker reports the folder's ctime, which a copy of the disk does not keep).
     */
    private static Instant created(RootContext context, Path entry, String name, boolean hasData) {
        Path json = entry.resolve(VolumeData.LEGACY_JSON);
        if (MetadataFile.present(json)) {
            return MetadataFile.read(context, json, VolumeGraphJson.class, "volume record " + name)
                    .map(v -> DockerTime.lenient(v.created())).orElse(null);
        }
        if (!hasData) {
            return null;
        }
        try {
            return Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return null;
        }
    }

    private static void scanVfsDir(RootContext context, Map<String, Candidate> candidates, Set<String> referenced,
                                   List<Container> containers) {
        Path vfsDir = VolumeData.vfsDir(context);
        boolean modern = Files.isDirectory(context.root().resolve(RootDetector.IMAGE), LinkOption.NOFOLLOW_LINKS);
        Set<String> layers = layerIds(context, containers);
        for (Path entry : list(context, vfsDir)) {
            String id = entry.getFileName().toString();
            if (candidates.containsKey(id) || !VolumeData.isHexId(id) || layers.contains(id)
                    || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) || (modern && !referenced.contains(id))) {
                continue;
            }
            candidates.put(id, new Candidate(id, entry, VolumeData.vfsDirName()));
        }
    }

    /** Ids in {@code vfs/dir} that are layers, not volumes: legacy image ids and container ids. */
    private static Set<String> layerIds(RootContext context, List<Container> containers) {
        Set<String> ids = new HashSet<>(RootDetector.subfolders(context.root().resolve(RootDetector.GRAPH)));
        for (String id : RootDetector.subfolders(context.root().resolve(RootDetector.CONTAINERS))) {
            ids.add(id);
            ids.add(id + INIT_SUFFIX);
        }
        containers.forEach(c -> ids.add(c.id()));
        return ids;
    }

    private static void addUsers(RootContext context, Map<String, Candidate> candidates, List<Container> containers) {
        for (Container c : containers) {
            for (Mount mount : c.mounts()) {
                if (mount.volume() == null || !ContainerMounts.VOLUME.equals(mount.type())) {
                    continue;
                }
                Candidate candidate = candidates.computeIfAbsent(mount.volume(),
                        name -> fromMount(context, name, mount));
                candidate.users.add(new VolumeUse(c.id(), c.name(), mount.destination(), mount.rw()));
            }
        }
    }

    private static Candidate fromMount(RootContext context, String name, Mount mount) {
        if (mount.driver() != null && !mount.driver().equals(ContainerMounts.LOCAL)) {
            Candidate plugin = new Candidate(name, null, FROM_CONTAINER);
            plugin.driver = mount.driver();
            plugin.reported = true; // a plugin keeps its data outside the root: nothing is missing
            return plugin;
        }
        VolumeData.Location location = VolumeData.locate(context, name);
        Candidate candidate = new Candidate(name, location.path(),
                location.source() != null ? location.source() : FROM_CONTAINER);
        if (location.refusal() != null) {
            context.problem(context.root().resolve(RootDetector.VOLUMES), "volume " + name + ": " + location.refusal());
            candidate.reported = true;
        }
        return candidate;
    }

    /**
     * Driver and labels from {@code metadata.db}. A record without a folder is still a volume: a
     * plugin's (its data is elsewhere) or a local one whose data is gone.
     */
    private static void applyMetadata(RootContext context, Map<String, Candidate> candidates) {
        VolumeMetadata.read(context).forEach((name, json) -> {
            String driver = ContainerMounts.blankToNull(json.driver());
            Candidate candidate = candidates.computeIfAbsent(name, n -> {
                Candidate recorded = new Candidate(n, null, VolumeMetadata.SOURCE);
                recorded.reported = driver != null && !driver.equals(ContainerMounts.LOCAL);
                return recorded;
            });
            candidate.driver = driver == null ? candidate.driver : driver;
            candidate.labels = copyOf(json.labels());
        });
    }

    private static Volume finish(RootContext context, Candidate c) {
        long size = -1;
        if (c.path == null && !c.reported) {
            String users = c.users.isEmpty() ? "no container uses it"
                    : "used by " + c.users.stream().map(u -> ContainerMapper.shortId(u.id())
                    + (u.name() == null ? "" : " " + u.name()) + " at " + u.destination()).toList();
            context.problem(context.root().resolve(RootDetector.VOLUMES).resolve(c.name),
                    "volume " + c.name + ": its data folder is gone (looked for " + RootDetector.VOLUMES + "/" + c.name
                            + "/" + VolumeData.DATA + " and " + VolumeData.vfsDirName() + "/" + c.name + "); " + users);
        } else if (c.path != null) {
            size = measure(context, c);
        }
        return new Volume(c.name, c.path, size, c.driver, VolumeData.isHexId(c.name)
                || c.labels.containsKey(VolumeMetadata.ANONYMOUS_LABEL), c.created, c.labels, c.users, c.source);
    }

    private static long measure(RootContext context, Candidate c) {
        try {
            VolumeSizer.Size size = VolumeSizer.measure(c.path);
            if (size.cutOff()) {
                context.problem(c.path, "volume " + c.name + ": size not computed, more than "
                        + VolumeSizer.MAX_ENTRIES + " entries under " + c.path);
            } else if (size.unreadable() > 0) {
                context.problem(c.path, "volume " + c.name + ": " + size.unreadable()
                        + " entries under " + c.path + " could not be read; its size is a lower bound");
            }
            return size.bytes();
        } catch (IOException | RuntimeException e) {
            context.problem(c.path, "volume " + c.name + ": cannot measure " + c.path + ": "
                    + MetadataFile.describe(e));
            return -1;
        }
    }

    /** Sorted entries of a folder (symlinks not followed); a problem when it exists but cannot be listed. */
    private static List<Path> list(RootContext context, Path dir) {
        List<Path> entries = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException | RuntimeException e) {
            context.problem(dir, "cannot list " + dir + ": " + MetadataFile.describe(e));
        }
        entries.sort(null);
        return entries;
    }

    /** @return the labels without null keys or values (which {@code Map.copyOf} refuses), never null */
    static Map<String, String> copyOf(Map<String, String> labels) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (labels != null) {
            labels.forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.put(k, v);
                }
            });
        }
        return copy;
    }
}
