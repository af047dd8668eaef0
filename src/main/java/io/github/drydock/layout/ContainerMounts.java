package io.github.drydock.layout;

import io.github.drydock.json.ContainerJson;
import io.github.drydock.json.HostConfigJson;
import io.github.drydock.json.MountPointJson;
import io.github.drydock.model.Mount;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's mounts, from {@code MountPoints} (1.7+) or, when that is empty, from the legacy
 * {@code Volumes} + {@code VolumesRW} maps (0.7–1.9), plus {@code --tmpfs} mounts from hostconfig.
 * A legacy host path is a managed volume when it ends in {@code vfs/dir/<64 hex>} (or
 * {@code volumes/<name>/_data}): the suffix is matched, not the root prefix, since the root may have
 * lived elsewhere or been symlink-resolved (spec/docker-legacy-layout.md §7.4).
 */
final class ContainerMounts {
    /** {@code MountPoints} type of a Docker-managed volume. */
    static final String VOLUME = "volume";
    /** {@code MountPoints} type of a bind mount. */
    static final String BIND = "bind";
    /** {@code MountPoints} type of a tmpfs. */
    static final String TMPFS = "tmpfs";
    /** The built-in volume driver. */
    static final String LOCAL = "local";
    private static final Pattern VFS_VOLUME = Pattern.compile(
            "(?:^|/)" + Pattern.quote(VolumeData.vfsDirName()) + "/([0-9a-f]{64})/*$");
    private static final Pattern LOCAL_VOLUME = Pattern.compile(
            "(?:^|/)" + Pattern.quote(RootDetector.VOLUMES) + "/([^/]+)/" + Pattern.quote(VolumeData.DATA) + "/*$");

    private ContainerMounts() {
    }

    /**
     * Teaches the context the root's original location from the volume paths a container recorded.
     *
     * @param context the opened root
     * @param json    the container config
     */
    static void learnOriginalRoots(RootContext context, ContainerJson json) {
        List<String> hostPaths = new ArrayList<>();
        if (json.volumes() != null) {
            hostPaths.addAll(json.volumes().values());
        }
        if (json.mountPoints() != null) {
            json.mountPoints().values().stream().filter(m -> m != null).forEach(m -> hostPaths.add(m.source()));
        }
        for (String hostPath : hostPaths) {
            String relative = managedRelativePath(hostPath);
            if (relative != null) {
                context.learnOriginalRoot(stripTrailingSlashes(hostPath), relative);
            }
        }
    }

    /**
     * Reads the mounts of one container, sorted by destination.
     *
     * @param context the opened root
     * @param json    the container config
     * @param host    its hostconfig, or null
     * @return the mounts
     */
    static List<Mount> read(RootContext context, ContainerJson json, HostConfigJson host) {
        Map<String, Mount> byDestination = new TreeMap<>();
        if (json.mountPoints() != null && !json.mountPoints().isEmpty()) {
            json.mountPoints().forEach((key, point) -> {
                if (point != null) {
                    Mount mount = fromMountPoint(context, key, point);
                    byDestination.put(mount.destination(), mount);
                }
            });
        } else if (json.volumes() != null) {
            Map<String, Boolean> rw = json.volumesRw() == null ? Map.of() : json.volumesRw();
            json.volumes().forEach((destination, hostPath) -> {
                if (destination != null) {
                    byDestination.put(destination, fromLegacyVolume(context, destination, hostPath,
                            !Boolean.FALSE.equals(rw.get(destination))));
                }
            });
        }
        if (host != null && host.tmpfs() != null) {
            host.tmpfs().keySet().forEach(destination -> byDestination.putIfAbsent(destination,
                    new Mount(destination, null, null, true, TMPFS, null, null)));
        }
        return List.copyOf(byDestination.values());
    }

    private static Mount fromMountPoint(RootContext context, String key, MountPointJson point) {
        String destination = blankToNull(point.destination()) == null ? key : point.destination();
        String source = blankToNull(point.source());
        String name = blankToNull(point.name());
        String type = blankToNull(point.type());
        if (type == null) {
            type = name != null ? VOLUME : BIND; // no Type before 1.13: a named mount point is a volume
        }
        boolean rw = !Boolean.FALSE.equals(point.rw());
        if (type.equals(VOLUME)) {
            String driver = blankToNull(point.driver()) == null ? LOCAL : point.driver();
            Path data = name != null && driver.equals(LOCAL) ? VolumeData.locate(context, name).path() : null;
            return new Mount(destination, source, name, rw, type, driver, data);
        }
        if (type.equals(BIND)) {
            return new Mount(destination, source, null, rw, type, null, bindData(context, source));
        }
        return new Mount(destination, source, name, rw, type, blankToNull(point.driver()), null);
    }

    private static Mount fromLegacyVolume(RootContext context, String destination, String hostPath, boolean rw) {
        String volume = managedVolumeName(hostPath);
        if (volume != null) {
            return new Mount(destination, hostPath, volume, rw, VOLUME, LOCAL,
                    VolumeData.locate(context, volume).path());
        }
        return new Mount(destination, blankToNull(hostPath), null, rw, BIND, null, bindData(context, hostPath));
    }

    /** A bind source is reachable only when the user opened the disk that holds it. */
    private static Path bindData(RootContext context, String source) {
        return rebase(context, source).filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)).orElse(null);
    }

    /** {@link RootContext#rebase} that treats a recorded path Java cannot represent (a NUL byte) as unreachable. */
    static Optional<Path> rebase(RootContext context, String recorded) {
        try {
            return context.rebase(recorded);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * @param hostPath a recorded host path
     * @return the volume id or name when the path is a managed volume's data folder, else null
     */
    static String managedVolumeName(String hostPath) {
        if (hostPath == null) {
            return null;
        }
        Matcher vfs = VFS_VOLUME.matcher(hostPath);
        if (vfs.find()) {
            return vfs.group(1);
        }
        Matcher local = LOCAL_VOLUME.matcher(hostPath);
        return local.find() && VolumeData.validName(local.group(1)) ? local.group(1) : null;
    }

    private static String managedRelativePath(String hostPath) {
        if (hostPath == null) {
            return null;
        }
        Matcher vfs = VFS_VOLUME.matcher(hostPath);
        if (vfs.find()) {
            return VolumeData.vfsDirName() + "/" + vfs.group(1);
        }
        Matcher local = LOCAL_VOLUME.matcher(hostPath);
        return local.find() && VolumeData.validName(local.group(1))
                ? RootDetector.VOLUMES + "/" + local.group(1) + "/" + VolumeData.DATA : null;
    }

    private static String stripTrailingSlashes(String path) {
        String result = path;
        while (result.length() > 1 && result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    /** @return the text, or null when it is null or blank (Go writes unset strings as "") */
    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
