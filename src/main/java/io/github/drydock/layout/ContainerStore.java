package io.github.drydock.layout;

import io.github.drydock.json.ContainerJson;
import io.github.drydock.json.HostConfigJson;
import io.github.drydock.model.Container;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code containers/<id>/} of both generations: {@code config.json} (0.7–1.9) or
 * {@code config.v2.json} (1.10+, also written by the 1.10 migration beside the old file),
 * {@code hostconfig.json}, and legacy names and links from {@code linkgraph.db}. See
 * spec/docker-legacy-layout.md §6, §8 and spec/docker-modern-layout-and-archives.md §1.9.
 *
 * <p>Two passes: every config is parsed and the root's original location learned from the absolute
 * paths the daemon recorded (log, hostname, hosts, resolv.conf, volume paths) before anything is
 * rebased, so a root that lived at {@code /srv/docker} on the dead host still maps.
 */
public final class ContainerStore {
    /** Container config of 0.7–1.9. */
    public static final String CONFIG = "config.json";
    /** Container config of 1.10+. */
    public static final String CONFIG_V2 = "config.v2.json";
    /** Host configuration. */
    public static final String HOST_CONFIG = "hostconfig.json";
    /** Suffix of the json-file log: {@code <id>-json.log}. */
    public static final String LOG_SUFFIX = "-json.log";
    /** Generated files whose recorded paths teach the root's original location. */
    private static final String HOSTNAME = "hostname";
    private static final String HOSTS = "hosts";
    private static final String RESOLV_CONF = "resolv.conf";

    /** Newest first, as {@code docker ps -a}; unknown times last; id breaks ties. */
    static final Comparator<Container> NEWEST_FIRST = Comparator
            .comparing((Container c) -> c.created() == null ? Instant.MIN : c.created(), Comparator.reverseOrder())
            .thenComparing(Container::id);

    private ContainerStore() {
    }

    /** One container folder after parsing, before mapping. */
    record Parsed(String id, Path dir, Path file, ContainerJson json, HostConfigJson host) {
    }

    /**
     * Reads every container; damage to one becomes a problem in the context.
     *
     * @param context the opened root
     * @return the containers, newest first then by id; {@code layer} is left null (filled by the caller)
     */
    public static List<Container> read(RootContext context) {
        List<Parsed> parsed = new ArrayList<>();
        for (Path dir : containerFolders(context)) {
            parse(context, dir).ifPresent(parsed::add);
        }
        for (Parsed p : parsed) {
            learnOriginalRoots(context, p);
        }
        VolumeData.learnOriginalRoots(context);
        List<Container> containers = new ArrayList<>();
        for (Parsed p : parsed) {
            try {
                containers.add(ContainerMapper.map(context, p.id(), p.file(), p.json(), p.host()));
            } catch (RuntimeException e) {
                context.problem(p.file(), "cannot read container " + ContainerMapper.shortId(p.id()) + ": "
                        + p.file() + ": " + MetadataFile.describe(e));
            }
        }
        List<Container> named = ContainerLinks.apply(context, containers, parsed, LinkGraph.read(context));
        return named.stream().sorted(NEWEST_FIRST).toList();
    }

    /**
     * The json-file log of a container: the recorded {@code LogPath} rebased (1.6+), else
     * {@code containers/<id>/<id>-json.log} when that file exists (before 1.6 nothing was recorded;
     * a created-but-never-started container records an empty path).
     *
     * @param context  the opened root
     * @param id       the container id
     * @param recorded the recorded {@code LogPath}, or null
     * @return the log file on the opened disk, or null
     */
    static Path logPath(RootContext context, String id, String recorded) {
        Optional<Path> rebased = ContainerMounts.rebase(context, ContainerMounts.blankToNull(recorded));
        if (rebased.isPresent()) {
            return rebased.get();
        }
        Path standard = folder(context, id).resolve(id + LOG_SUFFIX);
        return MetadataFile.present(standard) ? standard : null;
    }

    /** @return {@code containers/<id>} under the root */
    static Path folder(RootContext context, String id) {
        return context.root().resolve(RootDetector.CONTAINERS).resolve(id);
    }

    private static List<Path> containerFolders(RootContext context) {
        Path containers = context.root().resolve(RootDetector.CONTAINERS);
        List<Path> folders = new ArrayList<>();
        if (!Files.isDirectory(containers, LinkOption.NOFOLLOW_LINKS)) {
            return folders;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(containers)) {
            for (Path entry : entries) {
                if (Files.isSymbolicLink(entry)) {
                    context.problem(entry, "container folder " + entry + " is a symlink: not followed");
                } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    folders.add(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            context.problem(containers, "cannot list containers in " + containers + ": " + MetadataFile.describe(e));
        }
        folders.sort(null);
        return folders;
    }

    /**
     * Parses one folder: {@code config.v2.json} first; when it is damaged and the 1.10 migration left
     * the old {@code config.json} beside it, that one is read instead.
     */
    private static Optional<Parsed> parse(RootContext context, Path dir) {
        String id = dir.getFileName().toString();
        String shortId = ContainerMapper.shortId(id);
        if (!VolumeData.isHexId(id)) {
            context.problem(dir, "container folder " + dir + ": name is not a 64-hex container id; read anyway");
        }
        Optional<ContainerJson> json = Optional.empty();
        Path file = null;
        for (String name : List.of(CONFIG_V2, CONFIG)) {
            Path candidate = dir.resolve(name);
            if (json.isEmpty() && MetadataFile.present(candidate)) {
                file = candidate;
                json = MetadataFile.read(context, candidate, ContainerJson.class, "container config " + shortId);
            }
        }
        if (file == null) {
            context.problem(dir, "container " + shortId + ": no " + CONFIG_V2 + " or " + CONFIG + " in " + dir
                    + ": skipped");
            return Optional.empty();
        }
        if (json.isEmpty()) {
            return Optional.empty();
        }
        Path hostFile = dir.resolve(HOST_CONFIG);
        HostConfigJson host = MetadataFile.present(hostFile)
                ? MetadataFile.read(context, hostFile, HostConfigJson.class, "host config of container " + shortId)
                .orElse(null)
                : null;
        return Optional.of(new Parsed(id, dir, file, json.get(), host));
    }

    private static void learnOriginalRoots(RootContext context, Parsed p) {
        String inRoot = RootDetector.CONTAINERS + "/" + p.id() + "/";
        ContainerJson json = p.json();
        context.learnOriginalRoot(json.logPath(), inRoot + p.id() + LOG_SUFFIX);
        context.learnOriginalRoot(json.hostnamePath(), inRoot + HOSTNAME);
        context.learnOriginalRoot(json.hostsPath(), inRoot + HOSTS);
        context.learnOriginalRoot(json.resolvConfPath(), inRoot + RESOLV_CONF);
        ContainerMounts.learnOriginalRoots(context, json);
    }
}
